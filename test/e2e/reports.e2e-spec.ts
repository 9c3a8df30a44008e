import { DeadlinePassService } from '../../src/deadlines/deadline-pass.service';
import { bearer, staff, submission } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

const VN = (local: string) => new Date(`${local}+07:00`);
const ZERO = { received: 0, inProgress: 0, doneOnTime: 0, doneLate: 0, overdueNow: 0, rejected: 0 };

describe('processing report (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  const ids: Record<string, string> = {};

  const act = async (id: string, step: string, action: string, body: object = {}) => {
    const res = await t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(s.byStep[step])).send({ action, ...body });
    if (res.status !== 200) throw new Error(JSON.stringify(res.body));
  };
  const report = (query: string, accept = 'application/json') =>
    t.http().get(`/api/v1/reports/processing?${query}`).set(bearer(s.admin)).set('Accept', accept);

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
    // Received Tuesday 12 May 2020: BHXH due Friday 15 May, the dossier (NgayHenTra) Friday 22 May 17:00.
    t.clock.set(VN('2020-05-12T09:30:00'));
    for (const key of ['waiting', 'overdue', 'onTime', 'late', 'rejected']) {
      ids[key] = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission()).expect(201)).body.id;
    }
    // Received later, outside the period asked for below.
    t.clock.set(VN('2020-06-01T09:00:00'));
    ids.outside = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission({ submittedAt: VN('2020-06-01T09:00:00').toISOString() })).expect(201)).body.id;
    // Accepted on receipt: the report's alerts are the steps' (the receipt's are tested on their own).
    await t.db.query('UPDATE dossier SET receipt_due_at = NULL');

    t.clock.set(VN('2020-05-13T10:00:00'));
    for (const [step, action] of [['insurance-confirmation', 'confirm'], ['district-appraisal', 'appraise'], ['provincial-approval', 'approve']]) {
      await act(ids.onTime, step, action);
    }
    await act(ids.rejected, 'insurance-confirmation', 'reject', { ground: 'no-social-insurance', reason: 'không tham gia BHXH' });
    await act(ids.late, 'insurance-confirmation', 'confirm');
    await act(ids.late, 'district-appraisal', 'appraise');
    // Apology for "waiting" before its step is due, so it stays on time.
    await t.http().post(`/api/v1/dossiers/${ids.waiting}/apologies`).set(bearer(s.byStep['insurance-confirmation']))
      .send({ reason: 'Chờ xác minh', newReturnDate: '2020-06-10' }).expect(201);
    t.clock.set(VN('2020-05-25T10:00:00')); // after NgayHenTra of 22 May
    await act(ids.late, 'provincial-approval', 'approve');
  });
  afterAll(() => t.close());

  it('the overdue dossier has an alert under the BHXH unit and official', async () => {
    await t.app.get(DeadlinePassService).run(t.clock.now());
    const alerts = (await t.http().get('/api/v1/deadlines/alerts?kind=overdue').set(bearer(s.admin)).expect(200)).body;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      dossier: { id: ids.overdue },
      unit: { code: s.byStep['insurance-confirmation'].unitCode },
      officials: [{ officialId: s.byStep['insurance-confirmation'].officialId }],
    });
  });

  it('counts by unit: the unit holding the step, or the one that finished the dossier', async () => {
    const res = await report('from=2020-05-12&to=2020-05-12&groupBy=unit').expect(200);
    expect(res.body).toMatchObject({ groupBy: 'unit', from: VN('2020-05-12T00:00:00').toISOString(), to: VN('2020-05-13T00:00:00').toISOString() });
    const row = (unitCode: string) => res.body.rows.find((r: { key: string }) => r.key === unitCode);
    const bhxh = s.byStep['insurance-confirmation'];
    const province = s.byStep['provincial-approval'];
    expect(row(bhxh.unitCode)).toEqual({
      key: bhxh.unitCode, name: `Đơn vị ${bhxh.unitCode}`, ...ZERO, received: 3, inProgress: 2, overdueNow: 1, rejected: 1,
    });
    expect(row(province.unitCode)).toMatchObject({ ...ZERO, received: 2, doneOnTime: 1, doneLate: 1 });
    expect(res.body.rows).toHaveLength(2);
    expect(res.body.totals).toEqual({ received: 5, inProgress: 2, doneOnTime: 1, doneLate: 1, overdueNow: 1, rejected: 1 });
  });

  it('counts by official and by procedure', async () => {
    const byOfficial = (await report('from=2020-05-12&to=2020-05-12&groupBy=official').expect(200)).body;
    const bhxh = byOfficial.rows.find((r: { key: string }) => r.key === s.byStep['insurance-confirmation'].officialId);
    expect(bhxh).toMatchObject({ received: 3, inProgress: 2, overdueNow: 1, rejected: 1 });
    expect(bhxh.name).toMatch(/^Cán bộ/);
    const chairman = byOfficial.rows.find((r: { key: string }) => r.key === s.byStep['provincial-approval'].officialId);
    expect(chairman).toMatchObject({ received: 2, doneOnTime: 1, doneLate: 1 });

    const byProcedure = (await report('groupBy=procedure').expect(200)).body;
    expect(byProcedure.rows).toEqual([
      { key: 'unpaid-leave-support', name: expect.stringMatching(/^Hỗ trợ người lao động tạm hoãn/), received: 6, inProgress: 3, doneOnTime: 1, doneLate: 1, overdueNow: 1, rejected: 1 },
    ]);
  });

  it('answers CSV with Accept: text/csv', async () => {
    const res = await report('from=2020-05-12&to=2020-05-12&groupBy=unit', 'text/csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('unit,name,received,inProgress,doneOnTime,doneLate,overdueNow,rejected');
    const bhxh = s.byStep['insurance-confirmation'].unitCode;
    expect(lines).toContain(`${bhxh},Đơn vị ${bhxh},3,2,0,0,1,1`);
    expect(lines).toHaveLength(3);
  });

  it('is for admins, and refuses bad queries', async () => {
    expectProblem(await t.http().get('/api/v1/reports/processing').set(bearer(s.byStep['insurance-confirmation'])), 403, 'PRINCIPAL_KIND_FORBIDDEN');
    expectProblem(await report('groupBy=district'), 400, 'VALIDATION_FAILED');
    expectProblem(await report('from=2020-13-01'), 400, 'REPORT_PERIOD_INVALID');
    expectProblem(await report('from=2020-06-01&to=2020-05-01'), 400, 'REPORT_PERIOD_INVALID');
    expectProblem(await report('since=2020-05-01'), 400, 'VALIDATION_FAILED');
  });
});
