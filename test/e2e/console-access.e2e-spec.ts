import { DeadlinePassService } from '../../src/deadlines/deadline-pass.service';
import { OVERVIEW_COLUMNS } from '../../src/console/views/overview';
import { consoleSignIn, overviewRow } from '../support/console';
import { bearer, official, staff, submission } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';
import { refusedSoon } from '../support/problems';

// The console's sessions, CSRF defence and scoping, over HTTP without a browser.
jest.setTimeout(30_000);

describe('supervision console: access (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  let bhxh524: Awaited<ReturnType<typeof official>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
    bhxh524 = await official(t.db, 'social-insurance', { districtCode: '524', grants: [['unpaid-leave-support', 'insurance-confirmation']] });
    const submit = async (key: string, district: string) =>
      (ids[key] = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission({}, { districtCode: district })).expect(201)).body.id);
    await submit('a522', '522');
    await submit('b522', '522');
    await submit('c524', '524');
    await t.http().post(`/api/v1/dossiers/${ids.b522}/actions`).set(bearer(s.byStep['insurance-confirmation'])).send({ action: 'confirm' }).expect(200);
    // A week later the two dossiers still at BHXH are overdue.
    t.clock.set('2020-05-19T10:00:00+07:00');
    await t.app.get(DeadlinePassService).run(t.clock.now());
  });
  afterAll(() => t.close());

  const get = (path: string, cookie: string) => t.http().get(path).set('Cookie', cookie);

  it('sends a signed-out visitor to the sign-in page, and keeps no token in the page', async () => {
    const res = await t.http().get('/console/overview').expect(303);
    expect(res.headers.location).toBe('/console/sign-in?next=%2Fconsole%2Foverview');
    const page = await t.http().get('/console/sign-in').expect(200);
    expect(page.text).toContain('Đăng nhập hệ thống giám sát');
    expect(page.headers['cache-control']).toBe('no-store');
  });

  it('signs in with an admin token into an HttpOnly, SameSite=Strict session cookie; signing out ends the session', async () => {
    const form = await t.http().get('/console/sign-in');
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.text)![1];
    const res = await t.http().post('/console/sign-in').set('Cookie', String(form.headers['set-cookie']?.[0]).split(';')[0])
      .type('form').send({ csrf, token: s.admin.token, next: '/console/overview' }).expect(303);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('dvc_console='))!;
    expect(cookie).toMatch(/; Path=\/console; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect(cookie).not.toContain(s.admin.token);
    const session = cookie.split(';')[0];
    const overview = await get('/console/overview', session).expect(200);
    expect(overview.text).toContain('Tổng quan giải quyết hồ sơ');
    const token = /name="csrf" value="([^"]+)"/.exec(overview.text)![1];
    await t.http().post('/console/sign-out').set('Cookie', session).type('form').send({ csrf: token }).expect(303);
    await get('/console/overview', session).expect(303);
  });

  it('refuses an integration token, an unknown token and a sign-in without its form token', async () => {
    const integration = await consoleSignIn(t, s.integration.token);
    expect(integration).toMatchObject({ cookie: null, status: 403 });
    expect(integration.text).toContain('PRINCIPAL_KIND_FORBIDDEN');
    const unknown = await consoleSignIn(t, 'dvc_' + 'x'.repeat(43));
    expect(unknown).toMatchObject({ cookie: null, status: 401 });
    expect(unknown.text).toContain('AUTH_TOKEN_INVALID');
    await t.http().post('/console/sign-in').type('form').send({ token: s.admin.token }).expect(403);
  });

  it('refuses a state-changing request without the session\'s CSRF token (403), and changes nothing', async () => {
    const { cookie } = await consoleSignIn(t, s.byStep['insurance-confirmation'].token);
    for (const csrf of [undefined, 'forged']) {
      const res = await t.http().post(`/console/dossiers/${ids.a522}/actions`).set('Cookie', cookie!).type('form').send({ action: 'confirm', ...(csrf ? { csrf } : {}) }).expect(403);
      expect(res.text).toContain('CSRF');
    }
    const { body } = await t.http().get(`/api/v1/dossiers/${ids.a522}`).set(bearer(s.admin)).expect(200);
    expect(body.state).toBe('insurance-confirmation');
    // With the token the same form acts, through the API's action service.
    const page = await get(`/console/dossiers/${ids.a522}`, cookie!).expect(200);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)![1];
    await t.http().post(`/console/dossiers/${ids.a522}/actions`).set('Cookie', cookie!).type('form').send({ csrf, action: 'confirm', comment: 'Đã xác nhận' }).expect(303);
    expect((await t.http().get(`/api/v1/dossiers/${ids.a522}`).set(bearer(s.admin))).body.state).toBe('district-appraisal');
    // A refusal shows the API's message on the dossier page, with its status.
    const again = await t.http().post(`/console/dossiers/${ids.a522}/actions`).set('Cookie', cookie!).type('form').send({ csrf, action: 'confirm' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('DOSSIER_ACTION_NOT_AVAILABLE');
    expect(again.text).toContain('Hồ sơ 000.00.51');
  });

  it('shows a district official only their district: overview, overdue list and dossiers', async () => {
    const { cookie } = await consoleSignIn(t, bhxh524.token);
    const overview = await get('/console/overview?period=custom&from=2020-05-11&to=2020-05-24', cookie!).expect(200);
    expect(overviewRow(overview.text, 'by-procedure', 'total').received).toBe(1);
    const alerts = await get('/console/alerts?kind=overdue', cookie!).expect(200);
    expect(alerts.text).toContain(ids.c524);
    expect(alerts.text).not.toContain(ids.a522);
    await get(`/console/dossiers/${ids.c524}`, cookie!).expect(200);
    const other = await get(`/console/dossiers/${ids.a522}`, cookie!).expect(403);
    expect(other.text).toContain('DOSSIER_OUT_OF_JURISDICTION');
  });

  it('shows on the overview exactly the figures of GET /api/v1/reports/processing for the same period', async () => {
    const { cookie } = await consoleSignIn(t, s.admin.token);
    const page = (await get('/console/overview?period=custom&from=2020-05-11&to=2020-05-24', cookie!).expect(200)).text;
    for (const groupBy of ['unit', 'procedure'] as const) {
      const { body } = await t.http().get(`/api/v1/reports/processing?from=2020-05-11&to=2020-05-24&groupBy=${groupBy}`).set(bearer(s.admin)).expect(200);
      expect(body.rows.length).toBeGreaterThan(0);
      for (const row of [...body.rows, { ...body.totals, key: 'total' }]) {
        const shown = overviewRow(page, groupBy === 'unit' ? 'by-unit' : 'by-procedure', row.key ?? 'none');
        for (const { key } of OVERVIEW_COLUMNS) expect({ key: row.key, [key]: shown[key] }).toEqual({ key: row.key, [key]: row[key] });
      }
    }
    expect(overviewRow(page, 'by-procedure', 'total').received).toBe(3);
  });

  it('labels the bars with a unit\'s short name where it has one, as the report answers it, the table keeping the full name', async () => {
    const unit = s.byStep['insurance-confirmation'].unitCode;
    await t.db.query(`UPDATE unit SET name = 'Bảo hiểm xã hội thành phố Quảng Ngãi', short_name = 'BHXH TP Quảng Ngãi' WHERE code = $1`, [unit]);
    const { body } = await t.http().get('/api/v1/reports/processing?from=2020-05-11&to=2020-05-24&groupBy=unit').set(bearer(s.admin)).expect(200);
    expect(body.rows.find((r: { key: string }) => r.key === unit)).toMatchObject({ name: 'Bảo hiểm xã hội thành phố Quảng Ngãi', shortName: 'BHXH TP Quảng Ngãi' });
    expect(body.rows.filter((r: { key: string }) => r.key !== unit).map((r: { shortName: unknown }) => r.shortName)).toEqual(body.rows.slice(1).map(() => null));
    const { cookie } = await consoleSignIn(t, s.admin.token);
    const page = (await get('/console/overview?period=custom&from=2020-05-11&to=2020-05-24', cookie!).expect(200)).text;
    const chart = /<svg class="chart"[\s\S]*?<\/svg>/.exec(page)![0];
    expect(chart).toContain('>BHXH TP Quảng Ngãi</text>');
    expect(chart).not.toContain('Bảo hiểm xã hội thành phố Quảng Ngãi');
    expect(page).toContain('>Bảo hiểm xã hội thành phố Quảng Ngãi</a></th>');
  });

  it('lists near-due alerts too, and serves each form print-ready with a print button and as the API\'s PDF', async () => {
    const { cookie } = await consoleSignIn(t, s.admin.token);
    const nearDue = await get('/console/alerts?kind=near-due', cookie!).expect(200);
    expect(nearDue.text).toContain('<h1>Hồ sơ sắp đến hạn</h1>');
    const page = await get(`/console/dossiers/${ids.b522}/documents/05`, cookie!).expect(200);
    expect(page.text).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(page.text).toContain('<button type="button" data-print>In / Lưu thành PDF</button>');
    const pdf = await get(`/console/dossiers/${ids.b522}/documents/05/pdf`, cookie!).buffer(true).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const api = await t.http().get(`/api/v1/dossiers/${ids.b522}/documents/05`).set(bearer(s.admin)).set('Accept', 'application/pdf').buffer(true).expect(200);
    expect(api.headers['content-type']).toBe('application/pdf');
    await get(`/console/dossiers/${ids.b522}/documents/99-1`, cookie!).expect(404);
    await get('/console/dossiers/not-a-uuid', cookie!).expect(404);
    const badPeriod = await get('/console/overview?period=custom&from=2020-05-24&to=2020-05-11', cookie!).expect(400);
    expect(badPeriod.text).toContain('REPORT_PERIOD_INVALID');
  });

  it('ends a session when its token is revoked', async () => {
    const officer = await official(t.db, 'district-pc', { grants: [['unpaid-leave-support', 'district-appraisal']] });
    const { cookie } = await consoleSignIn(t, officer.token);
    await get('/console/overview', cookie!).expect(200);
    const sessions = 'SELECT 1 FROM console_session WHERE token_hash = encode(sha256($1::bytea), \'hex\')';
    expect(await t.db.query(sessions, [officer.token])).toHaveLength(1);
    await t.db.query('UPDATE principal SET revoked_at = now() WHERE id = $1', [officer.principalId]);
    expect((await refusedSoon(() => get('/console/overview', cookie!))).status).toBe(303);
    expect(await t.db.query(sessions, [officer.token])).toEqual([]);
  });

  it('switches to English and back from the header, keeping the page', async () => {
    const { cookie } = await consoleSignIn(t, s.admin.token);
    const vi = await get('/console/alerts?kind=overdue', cookie!).expect(200);
    expect(vi.text).toContain('<html lang="vi">');
    const link = /href="(\/console\/language\?to=en[^"]*)"/.exec(vi.text)![1].replace(/&amp;/g, '&');
    const toEn = await get(link, cookie!).expect(303);
    expect(toEn.headers.location).toBe('/console/alerts?kind=overdue');
    const lang = (toEn.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    expect(lang).toBe('dvc_console_lang=en');
    const en = await get('/console/overview', `${cookie}; ${lang}`).expect(200);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('<h1>Processing overview</h1>');
    expect(en.text).toContain('On-time rate');
    // Off-site or sign-in paths are not followed.
    expect((await get('/console/language?to=vi&next=//evil.example/x', cookie!).expect(303)).headers.location).toBe('/console/overview');
  });

  it('shows the portal\'s submission time beside the receipt, a step\'s office time one way while it runs and once ended, and a past return date', async () => {
    const bhxh = s.byStep['insurance-confirmation'];
    const act = (id: string, who: { token: string }, body: object) => t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(who)).send(body).expect(200);
    t.clock.set('2020-05-19T10:00:00+07:00');
    const { body: d } = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission({ submittedAt: '2020-05-19T09:30:00+07:00' })).expect(201);
    // Signed in afresh at each look: a session lasts 12 hours of the moved clock.
    const view = async () => (await get(`/console/dossiers/${d.id}`, (await consoleSignIn(t, s.admin.token)).cookie!).expect(200)).text;
    const spent = async () => [...(await view()).matchAll(/<dt>Thời gian xử lý<\/dt><dd>([^<]*)<\/dd>/g)].map((m) => m[1]);
    const page = await view();
    expect(page).toContain('<dd data-fact="submittedAt">19/05/2020 09:30</dd>');
    expect(page).toContain('<dd data-fact="receivedAt">19/05/2020 10:00</dd>');
    expect(page).not.toContain('data-past="return-date"');
    // An hour and a half from the portal's submission, a day waiting for the supplement (not counted), two more hours.
    t.clock.set('2020-05-19T11:00:00+07:00');
    expect(await spent()).toEqual(['1,5 giờ làm việc (đang xử lý)']);
    await act(d.id, bhxh, { action: 'request-supplement', reason: 'thiếu danh sách', channel: 'online' });
    t.clock.set('2020-05-20T10:00:00+07:00');
    await act(d.id, s.integration, { action: 'supplement', data: { attachments: [{ name: 'bo-sung.pdf', sha256: 'b'.repeat(64) }] } });
    t.clock.set('2020-05-20T12:00:00+07:00');
    expect(await spent()).toEqual(['3,5 giờ làm việc (đang xử lý)']);
    await act(d.id, bhxh, { action: 'confirm' });
    t.clock.set('2020-05-20T12:01:00+07:00');
    expect(await spent()).toEqual(['3,5 giờ làm việc', '1 phút làm việc (đang xử lý)']);
    // Months later the return date has gone by and is marked, as the overview counts it.
    t.clock.set('2020-09-01T10:00:00+07:00');
    expect(await view()).toContain('<span class="badge r-late" data-past="return-date">Đã quá ngày hẹn trả</span>');
    t.clock.set('2020-05-19T10:00:00+07:00');
  });

  it('words a refused sign-in in Vietnamese only, and in English under the toggle', async () => {
    const unknown = await consoleSignIn(t, 'dvc_' + 'x'.repeat(43));
    const box = /<div class="refusal"[\s\S]*?<\/div>/.exec(unknown.text)![0];
    expect(box).toContain('<strong>Mã truy cập không hợp lệ</strong><p>Hãy kiểm tra lại mã đã nhập, hoặc đề nghị quản trị viên cấp mã mới.</p>');
    expect(box.replace(/<code>[A-Z_]+<\/code>/, '')).not.toMatch(/\b(the|token|is|not|valid|an?)\b/i);
    const integration = await consoleSignIn(t, s.integration.token);
    expect(integration.text).toContain('mã của hệ thống tích hợp không đăng nhập được');
    expect(integration.text).not.toContain('an integration token cannot sign in');
    const form = await t.http().get('/console/sign-in').set('Cookie', 'dvc_console_lang=en');
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.text)![1];
    const pre = String(form.headers['set-cookie']?.[0]).split(';')[0];
    const en = await t.http().post('/console/sign-in').set('Cookie', `${pre}; dvc_console_lang=en`).type('form').send({ csrf, token: 'dvc_' + 'y'.repeat(43), next: '/console/overview' }).expect(401);
    expect(en.text).toContain('<strong>The token is not valid</strong>');
    expect(en.text).not.toContain('Mã truy cập không hợp lệ');
  });

  it('serves the console outside the OpenAPI document', async () => {
    const { body } = await t.http().get('/docs-json').expect(200);
    expect(Object.keys(body.paths).filter((p) => p.includes('console'))).toEqual([]);
  });
});
