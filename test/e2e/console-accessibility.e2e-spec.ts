import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { DeadlinePassService } from '../../src/deadlines/deadline-pass.service';
import { servedToChromium } from '../support/console';
import { bearer, staff, submission } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

// axe-core (npm) injected into Debian's Chromium (CHROMIUM_PATH, else /usr/bin/chromium) through
// playwright-core, on each kind of console page. Offline: every request must stay on the service.
jest.setTimeout(90_000);

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

describe('console accessibility, measured by axe-core in Chromium (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  let base: string;
  let browser: Browser;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
    id = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission()).expect(201)).body.id;
    await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission({}, { name: 'Công ty Cổ phần Đường Quảng Ngãi' })).expect(201);
    // Accepted, so that the receipt (form 01) is issued.
    await t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(s.byStep['insurance-confirmation'])).send({ action: 'accept' }).expect(200);
    t.clock.set('2020-05-19T10:00:00+07:00');
    await t.app.get(DeadlinePassService).run(t.clock.now());
    ({ base, browser } = await servedToChromium(t));
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  /** axe's violations on the page as loaded; the script is evaluated over the devtools protocol, which the page's CSP does not govern. */
  async function violations(page: Page): Promise<Violation[]> {
    await page.evaluate(AXE);
    // A string, evaluated in the page: the tests are compiled without the DOM's types.
    const found = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)")) as Violation[];
    return found.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  }

  it('finds no violation on the sign-in, overview, alerts, dossier and printable form pages, all served offline', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const elsewhere: string[] = [];
    const missing: string[] = [];
    page.on('request', (r) => void (r.url().startsWith(base) || r.url().startsWith('data:') || elsewhere.push(r.url())));
    page.on('response', (r) => void (r.status() >= 400 && missing.push(`${r.status()} ${r.url()}`)));
    const found: Record<string, Violation[]> = {};

    await page.goto(`${base}/console/sign-in`);
    found['sign-in'] = await violations(page);
    await page.getByLabel('Mã truy cập (token) của cán bộ hoặc quản trị viên').fill(s.admin.token);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/console\/overview/);
    found.overview = await violations(page);
    // Scrollable regions are reachable by keyboard and named (axe flags them only when nothing inside takes focus).
    const regions = await page.$$eval('.scroll', (els) => els.map((e) => [e.tabIndex, e.getAttribute('role'), Boolean(e.getAttribute('aria-label'))]));
    expect(regions.length).toBeGreaterThan(0);
    for (const r of regions) expect(r).toEqual([0, 'region', true]);
    await page.goto(`${base}/console/alerts?kind=overdue`);
    found.alerts = await violations(page);
    await page.goto(`${base}/console/dossiers/${id}`);
    found.dossier = await violations(page);
    const documents = (await t.http().get(`/api/v1/dossiers/${id}/documents`).set(bearer(s.admin)).expect(200)).body;
    const form = (Array.isArray(documents) ? documents : documents.items)[0];
    await page.goto(`${base}/console/dossiers/${id}/documents/${form.id}`);
    // The form's bundled font (@font-face; a browser uses it where Times New Roman is missing) loads from the service, Vietnamese letters included.
    const faces = await page.evaluate(`document.fonts.load('bold 13pt "Liberation Serif"', 'Giấy tiếp nhận Đường').then((list) => list.map((f) => f.status))`);
    expect(faces).toEqual(['loaded']);
    found.form = await violations(page);
    await context.close();

    const serious = Object.entries(found).flatMap(([where, list]) => list.map((v) => `${where}: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
    expect(serious).toEqual([]);
    expect(elsewhere).toEqual([]);
    expect(missing).toEqual([]);
  });

  it('gives white text on the open-step badge a contrast of at least 4.5:1 (WCAG 2.2 AA, 1.4.3)', () => {
    const css = readFileSync(require.resolve('../../src/console/static/console.css'), 'utf8');
    const open = /--open: (#[0-9a-f]{6})/.exec(css)![1];
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    expect((1 + 0.05) / (luminance(open) + 0.05)).toBeGreaterThanOrEqual(4.5);
  });

  it('serves the favicon every page links to', async () => {
    const pageHtml = (await t.http().get('/console/sign-in').expect(200)).text;
    expect(pageHtml).toContain('<link rel="icon" href="/console/static/favicon.svg" type="image/svg+xml">');
    const icon = await t.http().get('/console/static/favicon.svg').expect(200);
    expect(icon.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });
});
