import { ProceduresService } from '../../src/procedures/procedures.service';
import { verifyChain } from '../../src/common/history-hash';
import { expectConsistentHistories } from '../support/verify';
import { bearer, staff, submission } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

describe('dossiers (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
  });
  afterAll(() => t.close());

  const submit = (body: object) => t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(body);
  const act = (id: string, who: { token: string }, body: object) =>
    t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(who)).send(body);
  const stepOfficial = (step: string) => s.byStep[step];

  async function walk(id: string, actions: [string, string][]) {
    let res;
    for (const [step, action] of actions) {
      res = await act(id, stepOfficial(step), {
        action, reason: 'lý do', ...(action === 'reject' ? { ground: 'ineligible' } : {}),
        data: action === 'disburse' ? { contractNumber: 'HD-2020-01', amount: 8500000 } : undefined,
      });
      if (res.status !== 200) throw new Error(JSON.stringify(res.body));
    }
    return res!.body;
  }

  it('lists the published procedures without a token', async () => {
    const res = await t.http().get('/api/v1/procedures').expect(200);
    expect(res.body.map((p: { code: string }) => p.code).sort()).toEqual(['unpaid-leave-support', 'wage-loan-support']);
    const loan = res.body.find((p: { code: string }) => p.code === 'wage-loan-support');
    expect(loan.steps.at(-1)).toEqual({ key: 'bank-lending', order: 5, actor: 'social-policy-bank', timeLimitWorkingDays: 3 });
  });

  it('receives a dossier at insurance confirmation, idempotently by portalCode', async () => {
    const body = submission();
    const first = await submit(body).expect(201);
    expect(first.body).toMatchObject({
      portalCode: body.portalCode, procedureVersion: 1, state: 'insurance-confirmation', status: 'processing',
      workerCount: 2, signed: true, version: 1, availableActions: ['withdraw'],
      currentStep: { key: 'insurance-confirmation', actor: 'social-insurance', overdue: false },
    });
    expect(first.body.applicant.name).toBe('Công ty TNHH May Quảng Ngãi');
    expect(Date.parse(first.body.dueAt)).toBeGreaterThan(Date.parse(first.body.currentStep.dueAt));
    const again = await submit(body).expect(200);
    expect(again.body.id).toBe(first.body.id);
    expectProblem(await submit({ ...body, workers: body.workers.slice(1) }), 409, 'DOSSIER_PORTAL_CODE_CONFLICT');
  });

  it('walks unpaid-leave-support to approved, and its history hash chain verifies', async () => {
    const { body } = await submit(submission()).expect(201);
    const done = await walk(body.id, [['insurance-confirmation', 'confirm'], ['district-appraisal', 'appraise'], ['provincial-approval', 'approve']]);
    expect(done).toMatchObject({ state: 'approved', status: 'approved', currentStep: null, version: 4, availableActions: [] });
    const history = await t.http().get(`/api/v1/dossiers/${body.id}/history`).set(bearer(s.admin)).expect(200);
    expect(history.body.map((e: { toState: string }) => e.toState)).toEqual(['insurance-confirmation', 'district-appraisal', 'provincial-approval', 'approved']);
    expect(history.body[1].actor).toMatchObject({ kind: 'official', unitCode: stepOfficial('insurance-confirmation').unitCode });
    // Anyone holding the history answer can check the chain, with no access to the database.
    const chain = history.body;
    expect(verifyChain(chain)).toBeNull();
    // Altering any event breaks the chain at that event.
    chain[2].comment = 'sửa lén';
    expect(verifyChain(chain)).toBe(3);
    // One event per version, so a missing newest event shows too; and the database refuses to alter any.
    expect(history.body).toHaveLength(done.version);
    await expect(t.db.query(`UPDATE dossier_event SET comment = 'sửa lén' WHERE dossier_id = $1 AND seq = 3`, [body.id])).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM dossier_event WHERE dossier_id = $1 AND seq = 4', [body.id])).rejects.toThrow(/append-only/);
  });

  it('walks wage-loan-support to disbursed and to rejected', async () => {
    const a = await submit(submission({ procedureCode: 'wage-loan-support' })).expect(201);
    const done = await walk(a.body.id, [
      ['insurance-confirmation', 'confirm'], ['district-appraisal', 'appraise'], ['provincial-approval', 'approve'], ['bank-lending', 'disburse'],
    ]);
    expect(done.status).toBe('disbursed');
    // v1's result documents: the province's decision, then the bank's loan.
    const documents = (await t.http().get(`/api/v1/dossiers/${a.body.id}/documents`).set(bearer(s.admin)).expect(200)).body;
    expect(documents.map((d: { form: string }) => d.form)).toEqual(['01', 'decision', 'loan', '05']);
    const loan = await t.http().get(documents[2].href).set(bearer(s.admin)).expect(200);
    expect(loan.text).toContain('Hợp đồng tín dụng số HD-2020-01');
    expect(loan.text).toContain('8.500.000 đồng');
    const b = await submit(submission({ procedureCode: 'wage-loan-support' })).expect(201);
    const rejected = await walk(b.body.id, [['insurance-confirmation', 'confirm'], ['district-appraisal', 'appraise'], ['provincial-approval', 'approve'], ['bank-lending', 'reject']]);
    expect(rejected.status).toBe('rejected');
  });

  it('walks wage-loan-support to withdrawn: the portal withdraws at bank lending, and nothing acts after', async () => {
    const { body } = await submit(submission({ procedureCode: 'wage-loan-support' })).expect(201);
    await walk(body.id, [['insurance-confirmation', 'confirm'], ['district-appraisal', 'appraise'], ['provincial-approval', 'approve']]);
    const gone = await act(body.id, s.integration, { action: 'withdraw', comment: 'doanh nghiệp rút hồ sơ vay' }).expect(200);
    expect(gone.body).toMatchObject({ state: 'withdrawn', status: 'withdrawn', currentStep: null, version: 5, availableActions: [] });
    const late = await act(body.id, stepOfficial('bank-lending'), { action: 'disburse', data: { contractNumber: 'HD-2020-02', amount: 8500000 } });
    expectProblem(late, 409, 'DOSSIER_ACTION_NOT_AVAILABLE');
    expect(late.body.availableActions).toEqual([]);
    const history = await t.http().get(`/api/v1/dossiers/${body.id}/history`).set(bearer(s.admin)).expect(200);
    expect(history.body.map((e: { action: string; toState: string }) => [e.action, e.toState])).toEqual([
      ['submit', 'insurance-confirmation'], ['confirm', 'district-appraisal'], ['appraise', 'provincial-approval'],
      ['approve', 'bank-lending'], ['withdraw', 'withdrawn'],
    ]);
    expect(history.body.at(-1).actor).toMatchObject({ kind: 'integration' });
    expect(verifyChain(history.body)).toBeNull();
  });

  it('supplement returns to the step that asked; withdraw ends it', async () => {
    const { body } = await submit(submission()).expect(201);
    await walk(body.id, [['insurance-confirmation', 'confirm']]);
    const asked = await act(body.id, stepOfficial('district-appraisal'), { action: 'request-supplement', reason: 'thiếu bảng lương', channel: 'online' }).expect(200);
    expect(asked.body).toMatchObject({ status: 'awaiting-supplement', currentStep: null, dueAt: null });
    const worker = { fullName: 'Lê Thị Cúc', idNumber: '051190000999', socialInsuranceCode: '5112345680', from: '2020-04-01', to: '2020-05-31' };
    expectProblem(await act(body.id, s.integration, { action: 'supplement', data: { workers: [{ ...worker, idNumber: 'x' }] } }), 400, 'VALIDATION_FAILED');
    const back = await act(body.id, s.integration, { action: 'supplement', data: { workers: [worker] } }).expect(200);
    expect(back.body).toMatchObject({ state: 'district-appraisal', workerCount: 1 });
    expect(back.body.dueAt).not.toBeNull();
    const gone = await act(body.id, s.integration, { action: 'withdraw', comment: 'doanh nghiệp rút' }).expect(200);
    expect(gone.body.status).toBe('withdrawn');
    const rejectedFlow = await submit(submission()).expect(201);
    expect((await act(rejectedFlow.body.id, stepOfficial('insurance-confirmation'), { action: 'reject', ground: 'ineligible', reason: 'không đủ điều kiện' }).expect(200)).body.status).toBe('rejected');
  });

  it('checks a supplement\'s workers across fields as at submission: no duplicate ID numbers, no `to` before `from`', async () => {
    const body = submission();
    const [a, b] = body.workers;
    // At submission.
    const twice = await submit({ ...body, workers: [a, { ...b, idNumber: a.idNumber }] });
    expectProblem(twice, 400, 'VALIDATION_FAILED');
    expect(twice.body.message).toEqual(['workers.1.idNumber appears twice in the list']);
    const backwards = await submit({ ...body, workers: [a, { ...b, from: '2020-05-31', to: '2020-04-15' }] });
    expect(backwards.body.message).toEqual(['workers.1.to must not be before workers.1.from']);
    // In a supplement, the same rules on the same function, naming the fields under data.
    const { body: dossier } = await submit(body).expect(201);
    await act(dossier.id, stepOfficial('insurance-confirmation'), { action: 'request-supplement', reason: 'thiếu danh sách', channel: 'online' }).expect(200);
    const supplement = (data: object) => act(dossier.id, s.integration, { action: 'supplement', data });
    const dup = await supplement({ workers: [a, { ...b, idNumber: a.idNumber }] });
    expectProblem(dup, 400, 'VALIDATION_FAILED');
    expect(dup.body.message).toEqual(['data.workers.1.idNumber appears twice in the list']);
    const back = await supplement({ workers: [{ ...a, from: '2020-06-30', to: '2020-04-01' }] });
    expectProblem(back, 400, 'VALIDATION_FAILED');
    expect(back.body.message).toEqual(['data.workers.0.to must not be before data.workers.0.from']);
    const loan = await supplement({ loan: { amount: 1, months: 1, bankBranch: 'x' } });
    expect(loan.body.message).toEqual(['data.loan must be null for unpaid-leave-support']);
    expectProblem(await supplement({ workers: null }), 400, 'VALIDATION_FAILED');
    const [row] = await t.db.query('SELECT version, state FROM dossier WHERE id = $1', [dossier.id]);
    expect(row).toEqual({ version: 2, state: 'awaiting-supplement' }); // nothing applied
    await supplement({ workers: [a] }).expect(200);
  });

  it('a supplement replaces only the fields it sends; a wage loan keeps its loan', async () => {
    const body = submission({ procedureCode: 'wage-loan-support' });
    const { body: dossier } = await submit(body).expect(201);
    await act(dossier.id, stepOfficial('insurance-confirmation'), { action: 'request-supplement', reason: 'thiếu danh sách', channel: 'online' }).expect(200);
    const cleared = await act(dossier.id, s.integration, { action: 'supplement', data: { loan: null } });
    expectProblem(cleared, 400, 'VALIDATION_FAILED');
    expect(cleared.body.message).toEqual(['data.loan is required for wage-loan-support']);
    const worker = body.workers[0];
    await act(dossier.id, s.integration, { action: 'supplement', data: { workers: [worker] } }).expect(200);
    const [{ content }] = await t.db.query('SELECT content FROM dossier WHERE id = $1', [dossier.id]);
    expect(content).toEqual({ workers: [worker], loan: body.loan, attachments: body.attachments, signature: body.signature, submittedAt: body.submittedAt });
  });

  it('answers 409 with availableActions, 422 for paper copies of a signed dossier, 400 without a reason', async () => {
    const { body } = await submit(submission()).expect(201);
    const bhxh = stepOfficial('insurance-confirmation');
    const wrong = await act(body.id, bhxh, { action: 'approve' });
    expectProblem(wrong, 409, 'DOSSIER_ACTION_NOT_AVAILABLE');
    expect(wrong.body.availableActions).toEqual(['confirm', 'reject', 'request-supplement', 'accept']);
    expectProblem(await act(body.id, bhxh, { action: 'request-supplement', reason: 'nộp bản giấy', channel: 'paper' }), 422, 'DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN');
    expectProblem(await act(body.id, bhxh, { action: 'reject' }), 400, 'DOSSIER_REASON_REQUIRED');
    expectProblem(await act(body.id, bhxh, { action: 'confirm', expectedVersion: 7 }), 409, 'DOSSIER_VERSION_CONFLICT');
    const unchanged = await t.http().get(`/api/v1/dossiers/${body.id}`).set(bearer(bhxh)).expect(200);
    expect(unchanged.body).toMatchObject({ state: 'insurance-confirmation', version: 1 });
  });

  it('replays an Idempotency-Key instead of acting twice', async () => {
    const { body } = await submit(submission()).expect(201);
    const bhxh = stepOfficial('insurance-confirmation');
    const first = await act(body.id, bhxh, { action: 'confirm' }).set('Idempotency-Key', `k-${body.id}`).expect(200);
    const again = await act(body.id, bhxh, { action: 'confirm' }).set('Idempotency-Key', `k-${body.id}`).expect(200);
    expect(again.body).toEqual(first.body);
    expectProblem(await act(body.id, bhxh, { action: 'reject', ground: 'ineligible', reason: 'x' }).set('Idempotency-Key', `k-${body.id}`), 422, 'IDEMPOTENCY_KEY_REUSED');
    const history = await t.http().get(`/api/v1/dossiers/${body.id}/history`).set(bearer(s.admin)).expect(200);
    expect(history.body).toHaveLength(2);
  });

  it('lets exactly one of twelve concurrent identical actions win', async () => {
    const { body } = await submit(submission()).expect(201);
    const bhxh = stepOfficial('insurance-confirmation');
    const answers = await Promise.all(Array.from({ length: 12 }, () => act(body.id, bhxh, { action: 'confirm' })));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(11).fill(409)]);
    const events = await t.db.query('SELECT count(*)::int AS n FROM dossier_event WHERE dossier_id = $1 AND action = $2', [body.id, 'confirm']);
    expect(events[0].n).toBe(1);
    const outbox = await t.db.query('SELECT count(*)::int AS n FROM outbox_message WHERE dossier_id = $1', [body.id]);
    expect(outbox[0].n).toBe(2);
  });

  it('gives new dossiers the version published for their submission time while dossiers in flight finish on theirs', async () => {
    const oldBody = submission();
    const old = await submit(oldBody).expect(201);
    const procedures = t.app.get(ProceduresService);
    await procedures.publish('unpaid-leave-support', 2, { now: t.clock.now() });
    // Submitted in 2021, under Decision 23/2021 (in force from 7 Jul 2021).
    t.clock.set('2021-07-12T10:00:00+07:00');
    const in2021 = { submittedAt: '2021-07-12T09:00:00+07:00' };
    const fresh = await submit(submission(in2021)).expect(201);
    expect(fresh.body.procedureVersion).toBe(2);
    const catalogue = await t.http().get('/api/v1/procedures').expect(200);
    expect(catalogue.body.find((p: { code: string }) => p.code === 'unpaid-leave-support').version).toBe(2);
    // A 2020 dossier reaching the service now is too old; one of 2020 a portal resends is its first answer.
    expectProblem(await submit(submission()), 422, 'DOSSIER_SUBMITTED_TOO_LONG_AGO');
    expect((await submit(oldBody).expect(200)).body.id).toBe(old.body.id);
    const done = await walk(old.body.id, [['insurance-confirmation', 'confirm'], ['district-appraisal', 'appraise'], ['provincial-approval', 'approve']]);
    expect(done).toMatchObject({ procedureVersion: 1, status: 'approved' });
    // Version 2 gives BHXH two working days instead of three.
    const start = (d: { currentStep: { startedAt: string; dueAt: string } }) => Date.parse(d.currentStep.dueAt) - Date.parse(d.currentStep.startedAt);
    expect(start(fresh.body)).toBeLessThan(start(old.body));
    await procedures.publish('unpaid-leave-support', 1, { now: t.clock.now() });
    t.clock.set('2020-05-12T10:00:00+07:00');
  });

  it('starts the legal clock at the portal\'s submittedAt, refusing one in the future, too old, or outside the version\'s intake window', async () => {
    // Submitted Friday 15 May 2020 at 16:00, reaching the service on Monday: BHXH's 3 working days run from Friday.
    t.clock.set('2020-05-18T09:00:00+07:00');
    const late = await submit(submission({ submittedAt: '2020-05-15T16:00:00+07:00' })).expect(201);
    expect(late.body.currentStep).toMatchObject({ startedAt: '2020-05-15T09:00:00.000Z', dueAt: '2020-05-20T10:00:00.000Z' });
    expect(late.body.receivedAt).toBe('2020-05-18T02:00:00.000Z');
    expectProblem(await submit(submission({ submittedAt: '2020-05-18T09:10:00+07:00' })), 422, 'DOSSIER_SUBMITTED_IN_FUTURE');
    await submit(submission({ submittedAt: '2020-05-18T09:04:00+07:00' })).expect(201); // within the clocks' skew
    expectProblem(await submit(submission({ submittedAt: '2020-04-17T08:00:00+07:00' })), 422, 'DOSSIER_SUBMITTED_TOO_LONG_AGO');
    // Version 1 of the wage loan took dossiers until 31 Dec 2020 (and no version is published for 2021).
    t.clock.set('2021-01-04T09:00:00+07:00');
    const res = await submit(submission({ procedureCode: 'wage-loan-support', submittedAt: '2021-01-04T08:30:00+07:00' }));
    expectProblem(res, 422, 'DOSSIER_OUTSIDE_INTAKE_WINDOW');
    expect(res.body).toMatchObject({ procedureCode: 'wage-loan-support', version: 1, intake: { from: '2020-04-24', until: '2020-12-31' }, submittedOn: '2021-01-04' });
    t.clock.set('2020-04-20T09:00:00+07:00');
    expectProblem(await submit(submission({ submittedAt: '2020-04-20T08:30:00+07:00' })), 422, 'DOSSIER_OUTSIDE_INTAKE_WINDOW');
    t.clock.set('2020-05-12T10:00:00+07:00');
  });

  it('checks the applicant\'s district against the 2020–2021 reference list of its province', async () => {
    const wrong = await submit(submission({}, { districtCode: '916' }));
    expectProblem(wrong, 400, 'VALIDATION_FAILED');
    expect(wrong.body.message).toEqual(['applicant.districtCode: districtCode 916 is not a district of Tỉnh Quảng Ngãi (2020–2021 reference list)']);
    // Tây Trà was merged into Trà Bồng on 1 Feb 2020.
    expect((await submit(submission({}, { districtCode: '526' }))).body.message).toEqual([
      'applicant.districtCode: districtCode 526 (Huyện Tây Trà) did not exist on 2020-05-12',
    ]);
    await submit(submission({}, { provinceCode: '92', districtCode: '916' })).expect(201);
    // A province without a reference list: the format is checked, the code is not (DISTRICT_CHECK=listed).
    await submit(submission({}, { provinceCode: '48', districtCode: '490' })).expect(201);
    expectProblem(await submit(submission({}, { provinceCode: '03', districtCode: '522' })), 400, 'VALIDATION_FAILED');
  });

  it('filters and pages the list', async () => {
    const res = await t.http().get('/api/v1/dossiers?status=approved&procedure=unpaid-leave-support&page=1&pageSize=1').set(bearer(s.admin)).expect(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0].status).toBe('approved');
    expect(res.body.total).toBeGreaterThanOrEqual(2);
  });

  it('leaves every dossier it made consistent: one event per version, the newest event the row\'s chain head, every chain verified', async () => {
    await expectConsistentHistories(t.db);
  });
});
