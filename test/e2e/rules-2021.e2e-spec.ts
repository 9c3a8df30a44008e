import { ProceduresService } from '../../src/procedures/procedures.service';
import { bearer, idNumber, staff, submission } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

// The rules Decision 23/2021/QĐ-TTg adds, over REST: findings about workers by n, never a 400.
describe('the 2021 rules (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  const worker = (from: string, to: string, extra: object = {}) => ({ fullName: 'Đỗ Thị Hạnh', idNumber: idNumber(), socialInsuranceCode: '5112345678', from, to, ...extra });
  const submit = async (body: object) => (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(body).expect(201)).body;
  const act = (id: string, who: { token: string }, body: object) => t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(who)).send(body);

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
    const procedures = t.app.get(ProceduresService);
    await procedures.publish('wage-loan-support', 2, { now: t.clock.now() });
    await procedures.publish('unpaid-leave-support', 2, { now: t.clock.now() });
    t.clock.set('2021-10-04T09:30:00+07:00');
  });
  afterAll(() => t.close());

  it('receives a wage loan whose worker stopped under 15 days, finds it by n, and lends for the others', async () => {
    const d = await submit(
      submission({
        procedureCode: 'wage-loan-support',
        submittedAt: '2021-10-04T09:00:00+07:00',
        workers: [worker('2021-08-01', '2021-08-31', { wage: 4_000_000 }), worker('2021-08-01', '2021-08-10', { wage: 4_000_000 })],
        loan: { amount: 3_430_000, months: 1, bankBranch: 'NHCSXH Quảng Ngãi' },
      }),
    );
    expect(d.eligibility).toMatchObject({ blocking: true, totals: { eligibleWorkers: 1, blockedWorkers: 1, loanCap: 3_430_000 } });
    expect(d.eligibility.workersToCheck).toEqual([expect.objectContaining({ n: 2, index: 1, days: 10, findings: [expect.objectContaining({ rule: 'STOPPAGE_TOO_SHORT', blocking: true })] })]);
    await act(d.id, s.byStep['insurance-confirmation'], { action: 'confirm' }).expect(200);
    const lent = (await act(d.id, s.byStep['bank-lending'], { action: 'disburse', data: { contractNumber: 'HD-2021-40', amount: 3_430_000 } }).expect(200)).body;
    expect(lent).toMatchObject({ status: 'disbursed', excludedWorkers: [{ n: 2, ground: 'ineligible', step: 'bank-lending' }], loan: { workers: [1] } });
  });

  it('adds the support of art. 14 cl. 2 for a pregnant worker and one raising children under 6, with the proof to check', async () => {
    const d = await submit(
      submission({
        procedureCode: 'unpaid-leave-support',
        submittedAt: '2021-10-04T09:00:00+07:00',
        workers: [worker('2021-07-01', '2021-08-31', { pregnant: true }), worker('2021-07-01', '2021-08-31', { childrenUnderSix: 2 }), worker('2021-07-01', '2021-08-31')],
      }),
    );
    expect(d).toMatchObject({ procedureVersion: 2, eligibility: { blocking: false, totals: { supportAmount: 3 * 3_710_000 + 3_000_000 } } });
    expect(d.eligibility.workersToCheck.map((w: { n: number; supportAmount: number; findings: { rule: string }[] }) => [w.n, w.supportAmount, w.findings.map((f) => f.rule)])).toEqual([
      [1, 4_710_000, ['EXTRA_SUPPORT_PROOF']],
      [2, 5_710_000, ['EXTRA_SUPPORT_PROOF']],
    ]);
    const bad = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission({ workers: [worker('2021-07-01', '2021-08-31', { childrenUnderSix: -1 })] }));
    expect([bad.status, JSON.stringify(bad.body.message)]).toEqual([400, expect.stringContaining('childrenUnderSix')]);
  });
});
