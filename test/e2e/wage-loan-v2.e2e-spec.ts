import { ProceduresService } from '../../src/procedures/procedures.service';
import { bearer, staff, submission } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

// wage-loan-support version 2 (Decision 23/2021/QĐ-TTg) over REST: BHXH confirms within 2 working
// days, then the Social Policy Bank lends within 4; no People's Committee step. Every final state.
describe('wage-loan-support version 2 (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  const SUBMITTED = '2021-08-02T09:00:00+07:00'; // a Monday

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
    await t.app.get(ProceduresService).publish('wage-loan-support', 2, { now: t.clock.now() });
    t.clock.set('2021-08-02T09:30:00+07:00');
  });
  afterAll(() => t.close());

  const loan2021 = () =>
    submission({
      procedureCode: 'wage-loan-support',
      submittedAt: SUBMITTED,
      workers: [{ fullName: 'Lê Thị Hoa', idNumber: '092186001234', socialInsuranceCode: '9212345678', from: '2021-08-01', to: '2021-10-31', wage: 3_430_000 }],
      loan: { amount: 9_000_000, months: 3, bankBranch: 'NHCSXH Quảng Ngãi' },
    });
  const submit = async () => (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(loan2021()).expect(201)).body;
  const act = (id: string, who: { token: string }, body: object) => t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(who)).send(body);
  const bhxh = () => s.byStep['insurance-confirmation'];
  const bank = () => s.byStep['bank-lending'];

  it('is received under version 2 with the 2021 time limits', async () => {
    const d = await submit();
    expect(d).toMatchObject({ procedureVersion: 2, state: 'insurance-confirmation', currentStep: { actor: 'social-insurance' } });
    // BHXH: 2 working days from Monday's receipt → Wednesday 17:00; the dossier: 2 + 4 = 6 → Monday 10 Aug 17:00.
    expect(d.currentStep.dueAt).toBe('2021-08-04T10:00:00.000Z');
    expect(d.dueAt).toBe('2021-08-10T10:00:00.000Z');
    const catalogue = (await t.http().get('/api/v1/procedures').expect(200)).body.find((p: { code: string }) => p.code === 'wage-loan-support');
    expect(catalogue).toMatchObject({ version: 2, legalBasis: 'Quyết định 23/2021/QĐ-TTg', intake: { from: '2021-07-07', until: '2022-03-31' }, intakeOpen: true });
    expect(catalogue.rejectGrounds.map((g: { key: string }) => g.key)).toEqual([
      'ineligible', 'no-social-insurance', 'loan-conditions-not-met', 'not-in-programme-period', 'incomplete-after-supplement', 'duplicate', 'withdrawn-by-employer',
    ]);
    expect(catalogue.steps.map((x: { key: string; timeLimitWorkingDays: number | null }) => [x.key, x.timeLimitWorkingDays])).toEqual([
      ['submission', null], ['insurance-confirmation', 2], ['bank-lending', 4],
    ]);
  });

  it('goes from BHXH straight to the bank and ends disbursed', async () => {
    const d = await submit();
    const confirmed = (await act(d.id, bhxh(), { action: 'confirm' }).expect(200)).body;
    expect(confirmed).toMatchObject({ state: 'bank-lending', currentStep: { key: 'bank-lending', actor: 'social-policy-bank' } });
    expect(Date.parse(confirmed.currentStep.dueAt) - Date.parse(confirmed.currentStep.startedAt)).toBeGreaterThan(3 * 86_400_000);
    // No People's Committee step exists to act on.
    expectProblem(await act(d.id, s.byStep['district-appraisal'], { action: 'appraise' }), 409, 'DOSSIER_ACTION_NOT_AVAILABLE');
    const done = (await act(d.id, bank(), { action: 'disburse', data: { contractNumber: 'HD-2021-07', amount: 9_000_000 } }).expect(200)).body;
    expect(done).toMatchObject({ state: 'disbursed', status: 'disbursed', currentStep: null, availableActions: [] });
    const history = (await t.http().get(`/api/v1/dossiers/${d.id}/history`).set(bearer(s.admin)).expect(200)).body;
    expect(history.map((e: { toState: string }) => e.toState)).toEqual(['insurance-confirmation', 'bank-lending', 'disbursed']);
  });

  it('ends rejected by BHXH or by the bank', async () => {
    const a = await submit();
    expect((await act(a.id, bhxh(), { action: 'reject', ground: 'ineligible', reason: 'không có tên trong danh sách đóng BHXH' }).expect(200)).body.status).toBe('rejected');
    const b = await submit();
    await act(b.id, bhxh(), { action: 'confirm' }).expect(200);
    expect((await act(b.id, bank(), { action: 'reject', ground: 'ineligible', reason: 'không đủ điều kiện vay' }).expect(200)).body).toMatchObject({ state: 'rejected' });
  });

  it('ends withdrawn, also while waiting for a supplement, and a supplement returns to BHXH', async () => {
    const a = await submit();
    expect((await act(a.id, s.integration, { action: 'withdraw', comment: 'doanh nghiệp rút' }).expect(200)).body.status).toBe('withdrawn');
    const b = await submit();
    await act(b.id, bhxh(), { action: 'request-supplement', reason: 'thiếu danh sách', channel: 'online' }).expect(200);
    const back = (await act(b.id, s.integration, { action: 'supplement', data: { attachments: [{ name: 'bo-sung.pdf', sha256: 'c'.repeat(64) }] } }).expect(200)).body;
    expect(back.state).toBe('insurance-confirmation');
    expect((await act(b.id, s.integration, { action: 'withdraw' }).expect(200)).body.status).toBe('withdrawn');
    const c = await submit();
    await act(c.id, bhxh(), { action: 'request-supplement', reason: 'thiếu chữ ký', channel: 'online' }).expect(200);
    expect((await act(c.id, s.integration, { action: 'withdraw' }).expect(200)).body.status).toBe('withdrawn');
  });

  it('keeps version 1 for a dossier submitted before Decision 23/2021 took effect', async () => {
    t.clock.set('2020-05-12T10:00:00+07:00');
    const d = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission({ procedureCode: 'wage-loan-support' })).expect(201)).body;
    expect(d.procedureVersion).toBe(1);
    t.clock.set('2021-08-02T09:30:00+07:00');
  });
});
