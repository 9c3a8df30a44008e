import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import FISHING from '../../examples/procedures/fishing-boat-support@1.json';
import { consoleSignIn, servedToChromium } from '../support/console';
import { bearer, staff } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

// The procedures' pages of the console in Debian's Chromium (CHROMIUM_PATH, else /usr/bin/chromium):
// every deployed version listed, one drawn as a server-rendered SVG with an accessible name; axe-core
// finds nothing on either page.
jest.setTimeout(90_000);

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

describe('console: procedures and their diagrams in Chromium (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
    // A procedure the code has never seen, deployed through the API: the console shows it too.
    await t.http().post('/api/v1/procedure-definitions').set(bearer(s.admin)).send(FISHING).expect(201);
    ({ base, browser } = await servedToChromium(t));
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  it('lists every deployed version and draws one as a diagram with its steps, actors, time limits, loops and final states', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    const violations = async (): Promise<string[]> => {
      await page.evaluate(AXE);
      const list = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)")) as { id: string; help: string }[];
      return list.map((v) => `${v.id} (${v.help})`);
    };
    await page.goto(`${base}/console/sign-in`);
    await page.getByLabel('Mã truy cập (token) của cán bộ hoặc quản trị viên').fill(s.byStep['insurance-confirmation'].token);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/console\/overview/);
    await page.getByRole('link', { name: 'Thủ tục', exact: true }).click();
    await page.waitForURL(/\/console\/procedures$/);
    const codes = await page.locator('table.data tbody tr td:first-child').allTextContents();
    expect(codes).toEqual(['fishing-boat-support', 'unpaid-leave-support', 'unpaid-leave-support', 'wage-loan-support', 'wage-loan-support']);
    found.list = await violations();

    await page.getByRole('link', { name: FISHING.name }).click();
    await page.waitForURL(/\/console\/procedures\/fishing-boat-support\/1$/);
    const diagram = page.getByRole('img', { name: `Sơ đồ quy trình: ${FISHING.name} (phiên bản 1)` });
    await expect(diagram.isVisible()).resolves.toBe(true);
    const box = await diagram.boundingBox();
    expect(box!.width).toBeGreaterThan(500);
    expect(box!.height).toBeGreaterThan(400);
    expect(await page.locator('svg.procedure-diagram g.step').count()).toBe(3);
    const drawn = (await page.locator('svg.procedure-diagram').textContent())!;
    for (const text of ['Bước 2. Kiểm tra tàu cá', 'Phòng Nông nghiệp và Phát triển nông thôn cấp huyện', '5 ngày làm việc', 'Xác nhận tàu cá', 'Chờ bổ sung hồ sơ', 'Đã phê duyệt', 'Từ chối giải quyết', 'Rút hồ sơ']) {
      expect(drawn).toContain(text);
    }
    expect(await page.locator('svg.procedure-diagram g.supplement-loop').count()).toBe(1);
    // The step boxes go down the drawing, none on top of another.
    const boxes = await page.locator('svg.procedure-diagram g.step').evaluateAll((gs) =>
      gs.map((g) => {
        const { y, height } = (g as unknown as { getBBox(): { y: number; height: number } }).getBBox();
        return { y, height };
      }),
    );
    for (let i = 1; i < boxes.length; i++) expect(boxes[i].y).toBeGreaterThanOrEqual(boxes[i - 1].y + boxes[i - 1].height);
    await expect(page.getByRole('link', { name: 'Thủ tục', exact: true }).getAttribute('aria-current')).resolves.toBe('page');
    found.procedure = await violations();
    await context.close();
    expect(Object.entries(found).flatMap(([where, list]) => list.map((v) => `${where}: ${v}`))).toEqual([]);
  });
  it('answers an unknown procedure or version with a 404 page naming the code, and a signed-out reader with the sign-in page', async () => {
    const { cookie } = await consoleSignIn(t, s.admin.token);
    for (const path of ['/console/procedures/fishing-boat-support/2', '/console/procedures/nope/1', '/console/procedures/fishing-boat-support/x', '/console/procedures/__proto__/1']) {
      const res = await t.http().get(path).set('Cookie', cookie!).expect(404);
      expect(res.text).toContain('PROCEDURE_VERSION_NOT_FOUND');
    }
    const en = await t.http().get('/console/procedures/unpaid-leave-support/1').set('Cookie', `${cookie}; dvc_console_lang=en`).expect(200);
    expect(en.text).toContain('<title id="diagram-unpaid-leave-support-1-title">Procedure diagram:');
    await t.http().get('/console/procedures').expect(303).expect('Location', '/console/sign-in?next=%2Fconsole%2Fprocedures');
    await t.http().get('/console/procedures?x=1').set('Cookie', cookie!).expect(400);
  });
});
