import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import HOUSE from '../fixtures/house-repair-support@1.json';
import { cliOn } from '../support/cli';
import { consoleSignIn } from '../support/console';
import { bearer, idNumber, portalCode, taxCode, token } from '../support/factories';
import { expectProblem } from '../support/problems';
import { startService, type ServiceProcess } from '../support/service-process';
import { createTestApp, SUBMITTED_AT, type TestApp } from '../support/test-app';

jest.setTimeout(120_000);

// Proof of generality: a procedure no line of code names (test/fixtures/house-repair-support@1.json:
// its own district unit kind, actions, grounds, content schema) deployed, staffed and walked to every
// final state; a second version deployed while dossiers of the first are in flight; a second
// instance, started before that deployment, takes dossiers of the new version without a restart.
describe('a deployed procedure the code has never seen (e2e)', () => {
  let t: TestApp;
  let cli: ReturnType<typeof cliOn>;
  let portal: { token: string };
  let admin: { token: string };
  const surveyor = { id: idNumber(), token: '' };
  const province = { id: idNumber(), token: '' };
  const dir = mkdtempSync(join(tmpdir(), 'dvc-house-'));
  const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
  const json = async (...argv: string[]) => {
    const r = await cli(...argv, '--json');
    if (r.code !== 0) throw new Error(`${argv.join(' ')}: ${r.out}${r.err}`);
    return JSON.parse(r.out);
  };
  const body = (content: object = { houseAddress: 'Thôn 3, xã Nghĩa Hà', damageLevel: 'partial', areaSquareMetres: 48 }, extra: object = {}) => ({
    portalCode: portalCode(),
    procedureCode: 'house-repair-support',
    submittedAt: SUBMITTED_AT,
    applicant: { name: 'Phạm Văn Cường', taxCode: taxCode(), address: 'Thôn 3, xã Nghĩa Hà', provinceCode: '51', districtCode: '522', phone: '0905123456' },
    signature: null,
    attachments: [{ name: 'anh-hien-trang.jpg', sha256: 'b'.repeat(64), document: 'damage-photos' }],
    content,
    ...extra,
  });
  const submit = (b: object) => t.http().post('/api/v1/dossiers').set(bearer(portal)).send(b);
  const act = (id: string, who: { token: string }, action: object) => t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(who)).send(action);
  const portalCodes = async (id: string) =>
    ((await t.db.query(`SELECT payload->'TrangThaiHoSo' AS code FROM outbox_message WHERE dossier_id = $1 ORDER BY seq`, [id])) as { code: number }[]).map((r) => r.code);
  const forms = async (id: string) => {
    const list = (await t.http().get(`/api/v1/dossiers/${id}/documents`).set(bearer(admin)).expect(200)).body as { id: string; form: string }[];
    for (const d of list) await t.http().get(`/api/v1/dossiers/${id}/documents/${d.id}`).set(bearer(admin)).expect(200);
    return list.map((d) => d.form);
  };

  beforeAll(async () => {
    t = await createTestApp();
    cli = cliOn(t.databaseUrl);
    portal = await token(t.db, 'integration');
    admin = await token(t.db, 'admin');
    expect((await json('procedures', 'deploy', file('house.json', JSON.stringify(HOUSE)))).result).toBe('deployed');
    const units = 'code,name,kind,province_code,district_code\nQLDT-522,Phòng Quản lý đô thị TP Quảng Ngãi,construction-office,51,522\nUBND-51,UBND tỉnh Quảng Ngãi,provincial-pc,51,\n';
    expect((await json('units', 'import', file('units.csv', units))).rejected).toEqual([]);
    const officials = `full_name,id_number,phone,unit_code,email,may_sign\nLê Thị Khảo,${surveyor.id},0905123456,QLDT-522,,true\nVõ Văn Tỉnh,${province.id},0905123457,UBND-51,,true\n`;
    expect((await json('officials', 'import', file('officials.csv', officials))).rejected).toEqual([]);
    for (const [who, step] of [[surveyor, 'damage-survey'], [province, 'repair-grant']] as const) {
      await json('permissions', 'grant', '--official', who.id, '--procedure', 'house-repair-support', '--step', step);
      who.token = (await json('tokens', 'issue', '--official', who.id)).token;
    }
    await json('procedures', 'publish', '--code', 'house-repair-support', '--version', '1');
  });
  afterAll(() => t.close());

  it('refuses content its schema refuses and a required document unnamed, naming the field', async () => {
    const bad = await submit(body({ houseAddress: 'x', damageLevel: 'flooded', roof: true }));
    expectProblem(bad, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(bad.body)).toContain('content.damageLevel');
    expect(JSON.stringify(bad.body)).toContain('content.roof');
    const missing = await submit(body(undefined, { content: { damageLevel: 'total' } }));
    expect(JSON.stringify(missing.body)).toContain('content.houseAddress');
    const undocumented = await submit(body(undefined, { attachments: [{ name: 'a.jpg', sha256: 'c'.repeat(64) }] }));
    expectProblem(undocumented, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(undocumented.body)).toContain('damage-photos');
    expectProblem(await act('00000000-0000-4000-8000-000000000000', surveyor, { action: 'fly-away' }), 400);
  });

  it('walks a dossier to approval with its own actions: deadlines from its limits, portal codes, forms, reports, console', async () => {
    const res = await submit(body()).expect(201);
    const d = res.body;
    expect(d).toMatchObject({ procedureVersion: 1, state: 'damage-survey', status: 'processing', currentStep: { key: 'damage-survey', actor: 'construction-office' } });
    // Four working days from Tuesday 12 May 2020, 09:30: Monday the 18th.
    expect(d.currentStep.dueAt.slice(0, 10)).toBe('2020-05-18');
    const seen = (await t.http().get(`/api/v1/dossiers/${d.id}`).set(bearer(surveyor)).expect(200)).body;
    expect(seen.availableActions).toEqual(expect.arrayContaining(['accept', 'certify-damage', 'reject', 'request-supplement']));
    expectProblem(await act(d.id, province, { action: 'grant-repair' }), 409, 'DOSSIER_ACTION_NOT_AVAILABLE');
    await act(d.id, surveyor, { action: 'accept' }).expect(200);
    const surveyed = (await act(d.id, surveyor, { action: 'certify-damage', comment: 'Hư hỏng mái' }).expect(200)).body;
    expect(surveyed).toMatchObject({ state: 'repair-grant', currentStep: { key: 'repair-grant', actor: 'provincial-pc' } });
    const granted = (await act(d.id, province, { action: 'grant-repair' }).expect(200)).body;
    expect(granted).toMatchObject({ status: 'approved', state: 'approved', currentStep: null });
    expect(await portalCodes(d.id)).toEqual([1, 2, 4, 9]);
    expect(await forms(d.id)).toEqual(expect.arrayContaining(['01', '05']));
    const slip = (await t.http().get(`/api/v1/dossiers/${d.id}/documents/05`).set(bearer(admin)).expect(200)).text;
    expect(slip).toContain('Phòng Quản lý đô thị TP Quảng Ngãi');

    const reportRes = await t.http().get('/api/v1/reports/processing?groupBy=step&procedure=house-repair-support&from=2020-05-01&to=2020-06-30').set(bearer(admin));
    expect(reportRes.status).toBe(200);
    const report = reportRes.body;
    expect(report.rows.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['Khảo sát thiệt hại', 'UBND tỉnh quyết định hỗ trợ sửa chữa']));
    const cliReport = await json('reports', 'processing', '--group-by', 'procedure', '--procedure', 'house-repair-support', '--from', '2020-05-01', '--to', '2020-06-30');
    expect(cliReport.rows[0]).toMatchObject({ name: HOUSE.name });

    const { cookie } = await consoleSignIn(t, admin.token);
    await t.http().get('/console/overview').set('Cookie', cookie!).expect(200);
    const page = (await t.http().get(`/console/dossiers/${d.id}`).set('Cookie', cookie!).expect(200)).text;
    expect(page).toContain('Xác nhận thiệt hại');
    expect(page).toContain('UBND tỉnh quyết định hỗ trợ sửa chữa');
  });

  it('refuses at receipt with its ground (form 03), and asks for a supplement (form 02) checked against its schema, then is withdrawn', async () => {
    const refused = (await submit(body()).expect(201)).body;
    const rejected = (await act(refused.id, surveyor, { action: 'reject', ground: 'house-not-damaged', reason: 'Nhà không hư hỏng' }).expect(200)).body;
    expect(rejected.status).toBe('rejected');
    expect(await portalCodes(refused.id)).toEqual([1, 3]);
    expect(await forms(refused.id)).toContain('03');

    const asked = (await submit(body()).expect(201)).body;
    await act(asked.id, surveyor, { action: 'request-supplement', reason: 'Thiếu ảnh', items: [{ document: 'Ảnh chụp hiện trạng nhà ở', form: 'electronic' }] }).expect(200);
    const wrong = await act(asked.id, portal, { action: 'supplement', data: { content: { houseAddress: 'x', damageLevel: 'none' } } });
    expectProblem(wrong, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(wrong.body)).toContain('data.content.damageLevel');
    const back = (await act(asked.id, portal, { action: 'supplement', data: { content: { houseAddress: 'Thôn 3', damageLevel: 'total' } } }).expect(200)).body;
    expect(back.state).toBe('damage-survey');
    expect(await forms(asked.id)).toEqual(expect.arrayContaining(['01', '02', '05']));
    expect((await act(asked.id, portal, { action: 'withdraw', reason: 'Gia đình tự sửa' }).expect(200)).body.status).toBe('withdrawn');
    expect(await portalCodes(asked.id)).toEqual([1, 5, 2, 7]);
  });

  it('raises its alerts from its own time limits (CLI deadlines check) and takes an apology (form 04)', async () => {
    const late = (await submit(body()).expect(201)).body;
    await act(late.id, surveyor, { action: 'accept' }).expect(200);
    const pass = await json('deadlines', 'check', '--now', '2020-05-19T10:00:00+07:00', '--write');
    expect(pass.overdue).toBeGreaterThanOrEqual(1);
    const alerts = (await t.http().get('/api/v1/deadlines/alerts?kind=overdue').set(bearer(admin)).expect(200)).body;
    const items = (alerts.items ?? alerts) as { dossier: { id: string }; step: string }[];
    expect(items).toEqual(expect.arrayContaining([expect.objectContaining({ dossier: expect.objectContaining({ id: late.id }), step: 'damage-survey', unit: expect.objectContaining({ code: 'QLDT-522' }) })]));
    t.clock.set('2020-05-15T10:00:00+07:00');
    await t.http().post(`/api/v1/dossiers/${late.id}/apologies`).set(bearer(surveyor)).send({ reason: 'Chờ khảo sát hiện trường', newReturnDate: '2020-05-29' }).expect(201);
    expect(await forms(late.id)).toContain('04');
    t.clock.set('2020-05-12T10:00:00+07:00');
  });

  describe('a second version while dossiers of the first are in flight', () => {
    let other: ServiceProcess;
    const v2 = { ...structuredClone(HOUSE), version: 2, steps: HOUSE.steps.map((s) => (s.key === 'damage-survey' ? { ...s, timeLimitWorkingDays: 6 } : s)) };

    beforeAll(async () => {
      // Started before version 2 exists: it must take dossiers of it without a restart.
      other = await startService(t.databaseUrl, { DB_POOL_SIZE: '3' });
    }, 90_000);
    afterAll(() => other.kill());

    it('keeps each dossier on its own version to the end; another instance takes the new one unrestarted', async () => {
      const first = (await submit(body()).expect(201)).body;
      expect((await json('procedures', 'deploy', file('house-v2.json', JSON.stringify(v2)))).result).toBe('deployed');
      await json('procedures', 'publish', '--code', 'house-repair-support', '--version', '2');
      const second = (await submit(body()).expect(201)).body;
      expect(second.procedureVersion).toBe(2);
      // Six working days from Tuesday 12 May: Wednesday the 20th.
      expect(second.currentStep.dueAt.slice(0, 10)).toBe('2020-05-20');

      const res = await fetch(`${other.url}/api/v1/dossiers`, { method: 'POST', headers: { ...bearer(portal), 'Content-Type': 'application/json' }, body: JSON.stringify(body()) });
      const elsewhere = await res.json();
      expect(res.status).toBe(201);
      expect(elsewhere).toMatchObject({ procedureVersion: 2, state: 'damage-survey' });

      for (const d of [first, second]) {
        await act(d.id, surveyor, { action: 'certify-damage' }).expect(200);
        const done = (await act(d.id, province, { action: 'grant-repair' }).expect(200)).body;
        expect(done).toMatchObject({ status: 'approved', procedureVersion: d.procedureVersion });
      }
      expect(first.procedureVersion).toBe(1);
    });
  });
});
