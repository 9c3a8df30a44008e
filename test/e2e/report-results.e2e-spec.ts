import { ProceduresService } from '../../src/procedures/procedures.service';
import { bearer, idNumber, staff, submission } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

// The report counts results: refusals judged against the appointed date like approvals, and per
// unit and period the workers supported, the funds approved and the funds lent (VND).
describe('the processing report\'s results (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  const worker = (extra: object = {}) => ({ fullName: 'Hồ Thị Thu', idNumber: idNumber(), socialInsuranceCode: '5112345678', from: '2021-08-01', to: '2021-09-30', ...extra });
  const submit = async (body: object) => (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(body).expect(201)).body;
  const act = (id: string, step: string, body: object) => t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(s.byStep[step])).send(body).expect(200);
  const leave = (workers: object[]) => submission({ procedureCode: 'unpaid-leave-support', submittedAt: t.clock.now().toISOString(), workers });
  const refuse = { action: 'reject', ground: 'ineligible', reason: 'Không thuộc đối tượng' };
  const report = (query: string, accept = 'application/json') => t.http().get(`/api/v1/reports/processing?from=2021-10-01&to=2021-10-31&${query}`).set(bearer(s.admin)).set('Accept', accept);

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
    const procedures = t.app.get(ProceduresService);
    await procedures.publish('wage-loan-support', 2, { now: t.clock.now() });
    await procedures.publish('unpaid-leave-support', 2, { now: t.clock.now() });
    t.clock.set('2021-10-04T09:30:00+07:00'); // a Monday

    const approved = await submit(leave([worker({ pregnant: true }), worker(), worker()]));
    for (const [step, action] of [['insurance-confirmation', 'confirm'], ['district-appraisal', 'appraise'], ['provincial-approval', 'approve']]) await act(approved.id, step, { action });
    const loan = await submit(
      submission({
        procedureCode: 'wage-loan-support', submittedAt: t.clock.now().toISOString(),
        workers: [worker({ wage: 4_000_000 }), worker({ wage: 4_000_000 })], loan: { amount: 13_720_000, months: 2, bankBranch: 'NHCSXH Quảng Ngãi' },
      }),
    );
    await act(loan.id, 'insurance-confirmation', { action: 'confirm' });
    await act(loan.id, 'bank-lending', { action: 'disburse', data: { contractNumber: 'HD-2021-50', amount: 13_720_000, termMonths: 12, payments: [] } });
    await act((await submit(leave([worker()]))).id, 'insurance-confirmation', refuse);
    const late = await submit(leave([worker()]));
    t.clock.set('2021-10-20T10:00:00+07:00'); // past its 6 working days
    await act(late.id, 'insurance-confirmation', refuse);
    t.clock.set('2021-11-02T09:00:00+07:00');
  });
  afterAll(() => t.close());

  it('counts refusals on time and late, the workers supported, the funds approved and lent, per unit and in total', async () => {
    const body = (await report('groupBy=unit').expect(200)).body;
    expect(body.totals).toMatchObject({
      received: 4, rejected: 2, refusedOnTime: 1, refusedLate: 1, doneOnTime: 2,
      workersSupported: 5, fundsApproved: 3 * 3_710_000 + 1_000_000, fundsLent: 13_720_000,
    });
    const row = (code: string) => body.rows.find((r: { key: string }) => r.key === code);
    expect(row(s.byStep['provincial-approval'].unitCode)).toMatchObject({ workersSupported: 3, fundsApproved: 12_130_000, fundsLent: 0, refusedOnTime: 0 });
    expect(row(s.byStep['bank-lending'].unitCode)).toMatchObject({ workersSupported: 2, fundsApproved: 0, fundsLent: 13_720_000 });
    expect(row(s.byStep['insurance-confirmation'].unitCode)).toMatchObject({ rejected: 2, refusedOnTime: 1, refusedLate: 1, workersSupported: 0 });
    // By procedure the same figures split: the loan is lent, not approved as support.
    const byProcedure = (await report('groupBy=procedure').expect(200)).body.rows;
    expect(byProcedure.map((r: { key: string; fundsApproved: number; fundsLent: number }) => [r.key, r.fundsApproved, r.fundsLent])).toEqual([
      ['unpaid-leave-support', 12_130_000, 0], ['wage-loan-support', 0, 13_720_000],
    ]);
  });

  it('gives them in CSV by default, after the periodic report\'s columns, which keep their places; results=false leaves them out', async () => {
    const plain = (await report('groupBy=procedure&results=false', 'text/csv').expect(200)).text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(plain[0]).toMatch(/^Thủ tục,Tên thủ tục,Kỳ trước chuyển qua,.*,Phân vị 90 giờ xử lý$/);
    const csv = (await report('groupBy=procedure', 'text/csv').expect(200)).text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    // Each line is the periodic report's line with the five results after it.
    expect(csv.map((line) => line.split(',').slice(0, -5).join(','))).toEqual(plain);
    expect((await report('groupBy=procedure&results=true', 'text/csv').expect(200)).text.replace(/^\uFEFF/, '').trimEnd().split('\r\n')).toEqual(csv);
    expect(csv[0]).toMatch(/,Phân vị 90 giờ xử lý,Từ chối đúng hạn,Từ chối trễ hạn,Số người lao động được hỗ trợ,Kinh phí được phê duyệt \(đồng\),Số tiền cho vay \(đồng\)$/);
    expect(csv.at(-1)!.split(',').slice(-5)).toEqual(['1', '1', '5', '12130000', '13720000']);
    const en = (await report('groupBy=procedure&results=true&lang=en', 'text/csv').expect(200)).text.replace(/^\uFEFF/, '').split('\r\n');
    expect(en[0]).toMatch(/,refusedOnTime,refusedLate,workersSupported,fundsApproved,fundsLent$/);
  });
});
