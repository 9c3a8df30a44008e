import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DeadlinePassService } from '../../src/deadlines/deadline-pass.service';
import { servedToChromium } from '../support/console';
import { bearer, staff, submission } from '../support/factories';
import { pdfText } from '../support/pdf-text';
import { createTestApp, type TestApp } from '../support/test-app';

// The console in a real browser: Debian's Chromium (CHROMIUM_PATH, else /usr/bin/chromium) driven
// by playwright-core. Screenshots of each page go to test/screenshots/ (not committed; two of them
// are copied to docs/ by hand for the README).
jest.setTimeout(90_000);

const SHOTS = join(__dirname, '..', 'screenshots');

describe('supervision console in Chromium (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  let base: string;
  let browser: Browser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    t = await createTestApp();
    s = await staff(t.db);
    const bhxh = s.byStep['insurance-confirmation'];
    await t.db.query(`UPDATE unit SET name = 'Bảo hiểm xã hội thành phố Quảng Ngãi' WHERE code = $1`, [bhxh.unitCode]);
    await t.db.query(`UPDATE unit SET name = 'UBND thành phố Quảng Ngãi' WHERE code = $1`, [s.byStep['district-appraisal'].unitCode]);
    await t.db.query(`UPDATE official SET full_name = 'Nguyễn Thị Ngọc Hường' WHERE id = $1`, [bhxh.officialId]);
    const submit = async (key: string, name: string) =>
      (ids[key] = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission({}, { name })).expect(201)).body.id);
    await submit('may', 'Công ty TNHH May Quảng Ngãi');
    await submit('duong', 'Công ty Cổ phần Đường Quảng Ngãi');
    await submit('thuy', 'Công ty TNHH Thủy sản Sa Kỳ');
    await t.http().post(`/api/v1/dossiers/${ids.thuy}/actions`).set(bearer(bhxh)).send({ action: 'confirm' }).expect(200);
    // A week later two dossiers are still at BHXH, past its three working days.
    t.clock.set('2020-05-19T10:00:00+07:00');
    await t.app.get(DeadlinePassService).run(t.clock.now());
    ({ base, browser } = await servedToChromium(t));
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
  });

  async function signIn(page: Page, token: string): Promise<void> {
    await page.goto(`${base}/console`);
    await page.getByLabel('Mã truy cập (token) của cán bộ hoặc quản trị viên').fill(token);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(/\/console\/overview/);
  }

  it('signs in, reads the overview, opens an overdue dossier, confirms it, and prints form 05 to PDF', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${base}/console/overview`);
    await page.waitForURL(/\/console\/sign-in/);
    await signIn(page, s.byStep['insurance-confirmation'].token);
    expect(await context.cookies()).toEqual([expect.objectContaining({ name: 'dvc_console', httpOnly: true, sameSite: 'Strict', path: '/console' })]);
    expect(await page.evaluate<number>('Object.keys(localStorage).length + document.cookie.length')).toBe(0);

    // The overview of 11–24 May 2020: three dossiers received, in progress, none past its return date;
    // two dossiers late at BHXH, each with two open alerts: the receipt (8 working hours) and the step (3 working days).
    await page.getByLabel('Kỳ báo cáo').selectOption('custom');
    await page.getByLabel('Từ ngày').fill('2020-05-11');
    await page.getByLabel('Đến ngày').fill('2020-05-24');
    await page.getByRole('button', { name: 'Xem' }).click();
    await expect(page.locator('[data-card="received"] strong').textContent()).resolves.toBe('3');
    await expect(page.locator('[data-card="inProgress"] strong').textContent()).resolves.toBe('3');
    await expect(page.locator('[data-card="overdueNow"] strong').textContent()).resolves.toBe('0');
    await expect(page.locator('[data-card="overdueSteps"] strong').textContent()).resolves.toBe('4');
    expect(await page.locator('#by-unit ~ .scroll tbody tr').count()).toBeGreaterThan(0);
    await expect(page.locator('svg.chart')).toBeTruthy();
    expect(await page.locator('svg.chart rect').count()).toBeGreaterThan(0);
    // Two trends, each drawn or, with nothing to draw in its weeks, said to have no figures.
    expect(await page.locator('svg.trend').count()).toBeGreaterThan(0);
    expect((await page.locator('svg.trend').count()) + (await page.locator('p.chart-empty').count())).toBe(2);
    await page.screenshot({ path: join(SHOTS, 'overview.png'), fullPage: true });

    // The overdue list, sorted by enterprise, filtered by unit; each row links to its dossier.
    await page.getByRole('link', { name: 'Hồ sơ quá hạn' }).click();
    await page.getByRole('link', { name: /^Doanh nghiệp/ }).click();
    const enterprises = await page.locator('table.alerts tbody tr td:nth-child(2)').allTextContents();
    expect(enterprises).toEqual(['Công ty Cổ phần Đường Quảng Ngãi', 'Công ty Cổ phần Đường Quảng Ngãi', 'Công ty TNHH May Quảng Ngãi', 'Công ty TNHH May Quảng Ngãi']);
    await expect(page.locator('th[aria-sort="ascending"]').textContent()).resolves.toContain('Doanh nghiệp');
    await page.getByLabel('Đơn vị').selectOption({ label: 'Bảo hiểm xã hội thành phố Quảng Ngãi' });
    await page.getByRole('button', { name: 'Lọc' }).click();
    expect(await page.locator('table.alerts tbody tr').count()).toBe(4);
    await expect(page.locator('table.alerts').textContent()).resolves.toContain('Nguyễn Thị Ngọc Hường');
    await page.screenshot({ path: join(SHOTS, 'overdue.png'), fullPage: true });
    await page.getByRole('row', { name: /May Quảng Ngãi/ }).first().getByRole('link').click();

    // The dossier: its timeline, the verified chain, and the confirm action behind a dialog.
    await page.waitForURL(new RegExp(`/console/dossiers/${ids.may}$`));
    const body = () => page.locator('main').textContent();
    await expect(body()).resolves.toContain('Chuỗi băm đã được kiểm tra: toàn vẹn');
    await expect(body()).resolves.toContain('Cơ quan bảo hiểm xã hội xác nhận');
    await expect(page.locator('.facts .badge.r-late').textContent()).resolves.toBe('Quá hạn');
    await page.screenshot({ path: join(SHOTS, 'dossier.png'), fullPage: true });
    let question = '';
    page.once('dialog', (dialog) => {
      question = dialog.message();
      return dialog.accept();
    });
    await page.locator('form.action').filter({ hasText: 'Xác nhận' }).getByLabel('Ý kiến').fill('Đã đối chiếu thời gian đóng BHXH');
    await page.locator('form.action').filter({ hasText: 'Xác nhận' }).getByRole('button', { name: 'Xác nhận' }).click();
    await page.waitForURL(/done=confirm/);
    expect(question).toContain('Xác nhận hồ sơ 000.00.51');
    await expect(page.locator('.notice').textContent()).resolves.toBe('Đã thực hiện: Xác nhận.');
    await expect(body()).resolves.toContain('UBND cấp huyện thẩm định');
    const { body: api } = await t.http().get(`/api/v1/dossiers/${ids.may}/history`).set(bearer(s.admin)).expect(200);
    expect(api.at(-1)).toMatchObject({ action: 'confirm', comment: 'Đã đối chiếu thời gian đóng BHXH' });

    // Form 05, print-ready, then printed to PDF by the browser.
    await page.getByRole('link', { name: /Mẫu số 05/ }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    await expect(page.getByRole('button', { name: 'In / Lưu thành PDF' }).isVisible()).resolves.toBe(true);
    const slip = (await page.locator('body').textContent())!.replace(/\s+/g, ' ');
    for (const text of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Quảng Ngãi, ngày … tháng … năm …',
      'Nhận: Bảo hiểm xã hội thành phố Quảng Ngãi', 'Nhận: UBND thành phố Quảng Ngãi', 'Quá hạn', 'Nguyễn Thị Ngọc Hường']) {
      expect(slip).toContain(text);
    }
    expect(await page.evaluate<string>('getComputedStyle(document.body).fontFamily')).toContain('Times New Roman');
    await page.screenshot({ path: join(SHOTS, 'form-05.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', path: join(SHOTS, 'form-05.pdf') });
    const { text, pages } = await pdfText(pdf);
    expect(pages).toBe(1);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(flat).toContain('Nguyễn Thị Ngọc Hường');
    expect(flat).not.toContain('In / Lưu thành PDF');
    await context.close();
  });

  it('lets the bank record a monthly payment of a signed loan from the dossier page, and shows a refused one\'s reason', async () => {
    // A 2020 wage loan, lent for 8,500,000 with nothing paid yet.
    const { body: d } = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission({ procedureCode: 'wage-loan-support' })).expect(201);
    const act = (step: string, body: object) => t.http().post(`/api/v1/dossiers/${d.id}/actions`).set(bearer(s.byStep[step])).send(body).expect(200);
    await act('insurance-confirmation', { action: 'confirm' });
    await act('district-appraisal', { action: 'appraise' });
    await act('provincial-approval', { action: 'approve' });
    await act('bank-lending', { action: 'disburse', data: { contractNumber: 'HD-2020-77', amount: 8_500_000, payments: [] } });

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    const page = await context.newPage();
    page.on('dialog', (dialog) => dialog.accept());
    await signIn(page, s.byStep['bank-lending'].token);
    await page.goto(`${base}/console/dossiers/${d.id}`);
    const form = page.locator('form.action').filter({ hasText: 'Ghi nhận chi trả' });
    await expect(form.locator('[data-loan="paid"]').textContent()).resolves.toBe('Đã chi trả: 0 / 8.500.000 đồng');
    // Every worker of the loan by default, named beside the field.
    await expect(form.getByLabel(/Người lao động được chi trả/).inputValue()).resolves.toBe('1, 2');
    await expect(form.locator('#record-payment-names').textContent()).resolves.toBe('1. Nguyễn Thị Ánh; 2. Trần Văn Bình');
    await form.getByLabel('Tháng chi trả').fill('2020-06');
    await form.getByLabel('Số tiền chi trả (đồng)').fill('5000000');
    await form.getByRole('button', { name: 'Ghi nhận chi trả' }).click();
    await page.waitForURL(/done=record-payment/);
    await expect(page.locator('.notice').textContent()).resolves.toBe('Đã thực hiện: Ghi nhận chi trả.');
    const paid = () => t.http().get(`/api/v1/dossiers/${d.id}`).set(bearer(s.admin)).expect(200).then((r) => r.body);
    expect(await paid()).toMatchObject({ status: 'disbursing', loan: { paid: 5_000_000, payments: [{ month: '2020-06', amount: 5_000_000, workers: [1, 2] }] } });

    // Beyond the loan: refused with its reason above the dossier, nothing written.
    const again = page.locator('form.action').filter({ hasText: 'Ghi nhận chi trả' });
    await expect(again.locator('[data-loan="paid"]').textContent()).resolves.toBe('Đã chi trả: 5.000.000 / 8.500.000 đồng');
    await again.getByLabel('Tháng chi trả').fill('2020-07');
    await again.getByLabel('Số tiền chi trả (đồng)').fill('3500001');
    await again.getByRole('button', { name: 'Ghi nhận chi trả' }).click();
    await expect(page.locator('main').textContent()).resolves.toContain('DOSSIER_PAYMENTS_ABOVE_LOAN');
    expect((await paid()).loan.paid).toBe(5_000_000);

    // The last payment, to one worker: the loan is paid out.
    const last = page.locator('form.action').filter({ hasText: 'Ghi nhận chi trả' });
    await last.getByLabel('Tháng chi trả').fill('2020-07');
    await last.getByLabel('Số tiền chi trả (đồng)').fill('3500000');
    await last.getByLabel(/Người lao động được chi trả/).fill('2');
    await last.getByRole('button', { name: 'Ghi nhận chi trả' }).click();
    await page.waitForURL(/done=record-payment/);
    expect(await paid()).toMatchObject({ status: 'disbursed', loan: { paid: 8_500_000 } });
    expect((await paid()).loan.payments.at(-1)).toEqual({ month: '2020-07', amount: 3_500_000, workers: [2] });
    await expect(page.locator('main').textContent()).resolves.toContain('Bạn không có thao tác nào trên hồ sơ này lúc này.');
    await context.close();
  });

  it('works from the keyboard and on a 390-px-wide phone without sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, s.admin.token);
    await page.keyboard.press('Tab');
    await expect(page.evaluate<unknown>('document.activeElement?.textContent')).resolves.toBe('Bỏ qua, đến nội dung chính');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await expect(page.evaluate<unknown>('document.activeElement?.id')).resolves.toBe('period');
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SHOTS, 'overview-phone.png'), fullPage: true });
    await page.goto(`${base}/console/alerts?kind=overdue`);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    // Signing out from the menu ends the session: the next page is the sign-in page.
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/console\/sign-in/);
    await page.goto(`${base}/console/overview`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Đăng nhập hệ thống giám sát');
    await context.close();
  });
});
