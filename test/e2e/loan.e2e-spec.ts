import { DeadlinePassService } from '../../src/deadlines/deadline-pass.service';
import { ProceduresService } from '../../src/procedures/procedures.service';
import { bearer, idNumber, staff, submission } from '../support/factories';
import { pdfText } from '../support/pdf-text';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

// The bank's loan (Decision 15/2020/QĐ-TTg ch. VII; Decision 23/2021/QĐ-TTg art. 38–42): disburse signs
// it for the workers left, the payments go to the workers month by month, `disbursing` until the last.
jest.setTimeout(20_000);

describe('the bank\'s loan and its payments (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  const act = (id: string, who: { token: string }, body: object) => t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(who)).send(body);
  const bank = () => s.byStep['bank-lending'];
  const outbox = async (id: string) => (await t.db.query(`SELECT count(*)::int AS n FROM outbox_message WHERE dossier_id = $1`, [id]))[0].n as number;
  // Region III (Quảng Ngãi city, 3,430,000 a month at 100 % in 2021): two months of stoppage each, 6,860,000 per worker.
  const worker = (fullName: string) => ({ fullName, idNumber: idNumber(), socialInsuranceCode: '5112345678', from: '2021-08-01', to: '2021-09-30', wage: 4_000_000 });
  const PER_WORKER = 6_860_000;

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
    await t.app.get(ProceduresService).publish('wage-loan-support', 2, { now: t.clock.now() });
    t.clock.set('2021-10-04T09:30:00+07:00'); // a Monday
  });
  afterAll(() => t.close());

  async function atBank() {
    const body = submission({
      procedureCode: 'wage-loan-support',
      submittedAt: '2021-10-04T09:00:00+07:00',
      workers: [worker('Lê Thị Hoa'), worker('Phạm Văn Nam'), worker('Trần Thị Mai')],
      loan: { amount: 3 * PER_WORKER, months: 2, bankBranch: 'NHCSXH Quảng Ngãi' },
    });
    const d = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(body).expect(201)).body;
    await act(d.id, s.byStep['insurance-confirmation'], { action: 'confirm' }).expect(200);
    return d;
  }
  const exclude = [{ worker: 2, ground: 'duplicate', reason: 'Đã vay theo hồ sơ khác' }];

  it('lends within the cap of the workers left, for at most 12 months, paying only them', async () => {
    const d = await atBank();
    const terms = { contractNumber: 'HD-2021-31', amount: 2 * PER_WORKER, termMonths: 12, exclude };
    expectProblem(await act(d.id, bank(), { action: 'disburse', data: { ...terms, amount: 2 * PER_WORKER + 1 } }), 422, 'DOSSIER_DISBURSAL_ABOVE_CAP');
    expectProblem(await act(d.id, bank(), { action: 'disburse', data: { ...terms, termMonths: 13 } }), 422, 'DOSSIER_LOAN_TERM_ABOVE_LIMIT');
    const badTerm = await act(d.id, bank(), { action: 'disburse', data: { ...terms, termMonths: 0 } });
    expectProblem(badTerm, 400, 'DOSSIER_LOAN_DATA_INVALID');
    expect(badTerm.body.field).toBe('data.termMonths');
    const toExcluded = { ...terms, payments: [{ month: '2021-10', amount: 1_000_000, workers: [2] }] };
    expectProblem(await act(d.id, bank(), { action: 'disburse', data: toExcluded }), 422, 'DOSSIER_PAYMENT_WORKER_NOT_LENT');
    const beyond = { ...terms, payments: [{ month: '2021-10', amount: PER_WORKER }, { month: '2021-11', amount: PER_WORKER + 1 }] };
    expectProblem(await act(d.id, bank(), { action: 'disburse', data: beyond }), 422, 'DOSSIER_PAYMENTS_ABOVE_LOAN');
    // Nothing was written by the refusals.
    expect((await t.http().get(`/api/v1/dossiers/${d.id}`).set(bearer(s.admin)).expect(200)).body).toMatchObject({ state: 'bank-lending', loan: null, excludedWorkers: [] });
  });

  it('is disbursing after disburse, its time limit met, then disbursed once the payments reach the loan', async () => {
    const d = await atBank();
    const messages = await outbox(d.id);
    const signed = (
      await act(d.id, bank(), {
        action: 'disburse',
        data: { contractNumber: 'HD-2021-32', amount: 2 * PER_WORKER, termMonths: 6, payments: [{ month: '2021-10', amount: PER_WORKER }], exclude },
      }).expect(200)
    ).body;
    expect(signed).toMatchObject({
      state: 'disbursing',
      status: 'disbursing',
      currentStep: null,
      availableActions: ['record-payment'],
      excludedWorkers: [{ n: 2, ground: 'duplicate', step: 'bank-lending' }],
      loan: {
        contractNumber: 'HD-2021-32', amount: 2 * PER_WORKER, termMonths: 6, interestRate: 0, overdueInterestRate: 0.12, collateral: false,
        workers: [1, 3], payments: [{ month: '2021-10', amount: PER_WORKER, workers: [1, 3] }], paid: PER_WORKER,
      },
    });
    expect(signed.eligibility.totals).toMatchObject({ workers: 2, loanCap: 2 * PER_WORKER });
    // The portal hears of the loan (status 10, the loan's contract), once.
    expect(await outbox(d.id)).toBe(messages + 1);
    const [{ payload }] = await t.db.query(`SELECT payload FROM outbox_message WHERE dossier_id = $1 ORDER BY seq DESC LIMIT 1`, [d.id]);
    expect(payload).toMatchObject({ status: 'disbursing', TrangThaiHoSo: 10, document: { form: 'loan', number: 'HD-2021-32' } });

    // Only the bank, only for the loan's workers, never beyond it; no withdrawal of a signed loan.
    expectProblem(await act(d.id, s.integration, { action: 'withdraw' }), 409, 'DOSSIER_ACTION_NOT_AVAILABLE');
    expectProblem(await act(d.id, s.byStep['insurance-confirmation'], { action: 'record-payment', data: { month: '2021-11', amount: 1, workers: [1] } }), 403, 'DOSSIER_ACTION_FORBIDDEN');
    expectProblem(await act(d.id, bank(), { action: 'record-payment', data: { month: '2021-11', amount: 1, workers: [2] } }), 422, 'DOSSIER_PAYMENT_WORKER_NOT_LENT');
    expectProblem(await act(d.id, bank(), { action: 'record-payment', data: { month: '2021-11', amount: PER_WORKER + 1, workers: [1, 3] } }), 422, 'DOSSIER_PAYMENTS_ABOVE_LOAN');
    const noWorkers = await act(d.id, bank(), { action: 'record-payment', data: { month: '2021-11', amount: 1 } });
    expectProblem(noWorkers, 400, 'DOSSIER_LOAN_DATA_INVALID');
    expect(noWorkers.body.field).toBe('data.workers');

    const signedAt = t.clock.now().toISOString();
    t.clock.set('2021-11-05T10:00:00+07:00');
    const part = (await act(d.id, bank(), { action: 'record-payment', data: { month: '2021-11', amount: 3_000_000, workers: [1, 3] } }).expect(200)).body;
    expect(part).toMatchObject({ status: 'disbursing', loan: { paid: PER_WORKER + 3_000_000 } });
    const done = (await act(d.id, bank(), { action: 'record-payment', data: { month: '2021-12', amount: PER_WORKER - 3_000_000, workers: [3] } }).expect(200)).body;
    expect(done).toMatchObject({ state: 'disbursed', status: 'disbursed', availableActions: [], loan: { paid: 2 * PER_WORKER } });
    expect(done.loan.payments.map((p: { month: string }) => p.month)).toEqual(['2021-10', '2021-11', '2021-12']);
    // The result was given at disbursal: it stays the dossier's end; the payments told the portal nothing.
    expect(await outbox(d.id)).toBe(messages + 1);
    const history = (await t.http().get(`/api/v1/dossiers/${d.id}/history`).set(bearer(s.admin)).expect(200)).body;
    expect(history.slice(-3).map((e: { action: string; toState: string }) => [e.action, e.toState])).toEqual([
      ['disburse', 'disbursing'], ['record-payment', 'disbursing'], ['record-payment', 'disbursed'],
    ]);
    const [{ finished }] = await t.db.query(`SELECT finished_at AS finished FROM dossier WHERE id = $1`, [d.id]);
    expect(new Date(finished).toISOString()).toBe(signedAt);
    t.clock.set('2021-10-04T09:30:00+07:00');
  });

  it('gives the loan as the result document (form "loan"), no decision: its terms, the workers lent for and those the bank left out', async () => {
    t.clock.set('2021-10-06T10:00:00+07:00');
    try {
      const d = await atBank();
      const lent = (await act(d.id, bank(), { action: 'disburse', data: { contractNumber: 'HD-2021-40', amount: 2 * PER_WORKER, termMonths: 6, payments: [], exclude } }).expect(200)).body;
      const documents = (await t.http().get(`/api/v1/dossiers/${d.id}/documents`).set(bearer(s.integration)).expect(200)).body;
      expect(documents.map((x: { form: string }) => x.form)).toEqual(['01', 'loan', '05']);
      expect(documents[1]).toMatchObject({
        id: `loan-${lent.version}`, title: 'Thông báo cho vay vốn để trả lương cho người lao động', issuedAt: new Date('2021-10-06T10:00:00+07:00').toISOString(),
        source: { type: 'event', seq: lent.version },
      });
      const html = (await t.http().get(documents[1].href).set(bearer(s.admin)).expect(200)).text.replace(/\s+/g, ' ');
      for (const phrase of [
        'Số: HD-2021-40', 'Hợp đồng tín dụng số HD-2021-40, ký ngày 06 tháng 10 năm 2021', 'Số tiền cho vay: 13.720.000 đồng (Bằng chữ: Mười ba triệu bảy trăm hai mươi nghìn đồng)',
        'Thời hạn cho vay: 6 tháng', 'Lãi suất cho vay: 0%/năm; lãi suất quá hạn: 12%/năm', 'Không phải thực hiện bảo đảm tiền vay',
        'Căn cứ Quyết định 23/2021/QĐ-TTg', 'Lê Thị Hoa', 'Trần Thị Mai', 'Đã vay theo hồ sơ khác',
      ]) expect(html).toContain(phrase);
      // The excluded worker is only in the table of those left out, after the list lent for.
      expect(html.indexOf('Phạm Văn Nam')).toBeGreaterThan(html.indexOf('Người lao động không được vay'));
      const pdf = await t.http().get(documents[1].href).set(bearer(s.admin)).set('Accept', 'application/pdf').buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
      const text = (await pdfText(pdf.body)).text.replace(/\s+/g, ' ');
      for (const phrase of ['THÔNG BÁO', 'HD-2021-40', 'Mười ba triệu bảy trăm hai mươi nghìn đồng', 'Lê Thị Hoa']) expect(text).toContain(phrase);
      // Later payments leave the loan's document as it was signed.
      await act(d.id, bank(), { action: 'record-payment', data: { month: '2021-10', amount: PER_WORKER, workers: [1, 3] } }).expect(200);
      expect((await t.http().get(documents[1].href).set(bearer(s.admin)).expect(200)).text.replace(/\s+/g, ' ')).toBe(html);
    } finally {
      t.clock.set('2021-10-04T09:30:00+07:00');
    }
  });

  it('is neither overdue nor pending at the bank once the loan is signed in time', async () => {
    const d = await atBank();
    await act(d.id, bank(), { action: 'disburse', data: { contractNumber: 'HD-2021-33', amount: PER_WORKER, payments: [] } }).expect(200);
    t.clock.set('2021-11-30T09:00:00+07:00'); // long after the dossier's 6 working days
    try {
      await t.app.get(DeadlinePassService).run(t.clock.now());
      const [{ open }] = await t.db.query(`SELECT count(*)::int AS open FROM deadline_alert WHERE subject_id = $1 AND closed_at IS NULL`, [d.id]);
      expect(open).toBe(0);
      const view = (await t.http().get(`/api/v1/dossiers/${d.id}`).set(bearer(s.admin)).expect(200)).body;
      expect(view).toMatchObject({ status: 'disbursing', currentStep: null, loan: { termMonths: 12, payments: [], paid: 0 } });
      const overdue = (await t.http().get('/api/v1/dossiers?overdue=true&procedure=wage-loan-support').set(bearer(s.admin)).expect(200)).body;
      expect(overdue.items.map((x: { id: string }) => x.id)).not.toContain(d.id);
      const steps = await t.db.query(`SELECT step, end_action, late FROM dossier_step WHERE dossier_id = $1 ORDER BY seq`, [d.id]);
      expect(steps.at(-1)).toEqual({ step: 'bank-lending', end_action: 'disburse', late: false });
    } finally {
      t.clock.set('2021-10-04T09:30:00+07:00');
    }
  });
});
