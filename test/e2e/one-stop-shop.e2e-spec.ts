import { DeadlinePassService } from '../../src/deadlines/deadline-pass.service';
import { cliOn } from '../support/cli';
import { bearer, official, staff, submission } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

// The one-stop-shop rules of Decree 61/2018/NĐ-CP and Decree 45/2020/NĐ-CP over REST.
describe('one-stop-shop rules (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  const VN = (local: string) => new Date(`${local}+07:00`);
  const submit = async (body = submission()) => (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(body).expect(201)).body;
  const act = (id: string, who: { token: string }, body: object) => t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(who)).send(body);
  const bhxh = () => s.byStep['insurance-confirmation'];

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
  });
  afterAll(() => t.close());

  describe('the receipt: accepted or sent back for a supplement within 8 working hours', () => {
    it('gives the receiving unit 8 working hours from the portal\'s receipt, alerts near due then overdue, and closes once it acted', async () => {
      t.clock.set(VN('2020-05-12T10:00:00'));
      // Submitted Tuesday 09:30: 7.5 office hours left that day (to 17:00), the last half hour on Wednesday.
      const d = await submit();
      expect(d).toMatchObject({ submittedAt: '2020-05-12T02:30:00.000Z', receiptDueAt: VN('2020-05-13T08:30:00').toISOString() });
      const other = await submit();
      const pass = t.app.get(DeadlinePassService);
      const receiptAlerts = async () =>
        (await t.http().get('/api/v1/deadlines/alerts').set(bearer(s.admin)).expect(200)).body.filter((a: { step: string }) => a.step === 'receipt');

      await pass.run(VN('2020-05-12T10:00:00'));
      expect((await receiptAlerts()).map((a: { kind: string; dossier: { id: string } }) => [a.dossier.id, a.kind]).sort()).toEqual(
        [[d.id, 'near-due'], [other.id, 'near-due']].sort(),
      );
      const [alert] = await receiptAlerts();
      expect(alert).toMatchObject({ unit: { code: bhxh().unitCode }, officials: [{ officialId: bhxh().officialId }], dueAt: VN('2020-05-13T08:30:00').toISOString() });

      // BHXH acts on one before the limit; the other runs over.
      t.clock.set(VN('2020-05-12T15:00:00'));
      const confirmed = (await act(d.id, bhxh(), { action: 'confirm' }).expect(200)).body;
      expect(confirmed.receiptDueAt).toBeNull();
      await pass.run(VN('2020-05-13T09:00:00'));
      expect((await receiptAlerts()).map((a: { kind: string; dossier: { id: string } }) => [a.dossier.id, a.kind])).toEqual([[other.id, 'overdue']]);
    });
  });

  describe('eligibility findings', () => {
    it('shows what the law gives per dossier in its view, per worker on /eligibility, and follows a supplement', async () => {
      t.clock.set(VN('2020-05-12T10:00:00'));
      const d = await submit();
      expect(d.eligibility).toMatchObject({
        status: 'ok', blocking: false, findings: [], workersToCheck: [],
        totals: { workers: 2, eligibleWorkers: 2, blockedWorkers: 0, supportAmount: 7_200_000, loanCap: null },
      });
      const full = (await t.http().get(`/api/v1/dossiers/${d.id}/eligibility`).set(bearer(bhxh())).expect(200)).body;
      expect(full).toMatchObject({ procedureCode: 'unpaid-leave-support', procedureVersion: 1, legalBasis: 'Quyết định 15/2020/QĐ-TTg' });
      expect(full.workers.map((w: { months: number; supportAmount: number }) => [w.months, w.supportAmount])).toEqual([[3, 5_400_000], [1, 1_800_000]]);

      await act(d.id, bhxh(), { action: 'request-supplement', reason: 'Bổ sung danh sách', channel: 'online' }).expect(200);
      const workers = [
        { fullName: 'Phạm Văn Đông', idNumber: '051090000111', socialInsuranceCode: '5112345670', from: '2020-07-01', to: '2020-08-31', amount: 1_800_000 },
      ];
      const back = (await act(d.id, s.integration, { action: 'supplement', data: { workers } }).expect(200)).body;
      expect(back.eligibility).toMatchObject({ status: 'check', blocking: true, totals: { workers: 1, blockedWorkers: 1, supportAmount: 0 } });
      expect(back.eligibility.workersToCheck[0].findings[0]).toMatchObject({
        rule: 'PERIOD_OUTSIDE_PROGRAMME', status: 'check', blocking: true,
        reasonVi: 'Thời gian 01/07/2020 – 31/08/2020 nằm ngoài thời gian của chính sách (01/04/2020 – 30/06/2020)',
      });
    });

    it('caps a wage loan by the regional minimum wage of the employer\'s district', async () => {
      const body = submission({ procedureCode: 'wage-loan-support' }, { provinceCode: '92', districtCode: '916' });
      const loan = await submit({ ...body, loan: { ...body.loan!, amount: 11_760_000 } });
      // Ninh Kiều is region II (3,920,000): half of it for 3 months, and for 1.5 months rounded up to 2, is 5,880,000 + 3,920,000.
      expect(loan.eligibility).toMatchObject({ status: 'check', blocking: false, totals: { loanCap: 9_800_000, loanRequested: 11_760_000 } });
      expect(loan.eligibility.findings.map((f: { rule: string }) => f.rule)).toEqual(['LOAN_ABOVE_CAP']);
      // The bank lends at most the cap: TP Quảng Ngãi is region III (3,430,000), so 5,145,000 + 3,430,000.
      const home = submission({ procedureCode: 'wage-loan-support' });
      const here = await submit({ ...home, loan: { ...home.loan!, amount: 11_760_000 } });
      expect(here.eligibility.totals.loanCap).toBe(8_575_000);
      for (const [step, action] of [['insurance-confirmation', 'confirm'], ['district-appraisal', 'appraise'], ['provincial-approval', 'approve']] as const) {
        await act(here.id, s.byStep[step], { action }).expect(200);
      }
      const over = await act(here.id, s.byStep['bank-lending'], { action: 'disburse', data: { contractNumber: 'HD-2020-09', amount: 8_575_001 } });
      expect([over.status, over.body.code]).toEqual([422, 'DOSSIER_DISBURSAL_ABOVE_CAP']);
      await act(here.id, s.byStep['bank-lending'], { action: 'disburse', data: { contractNumber: 'HD-2020-09', amount: 8_575_000 } }).expect(200);
    });
  });

  describe('the paper rule, one supplement, refusal grounds, BHXH\'s signature', () => {
    it('asks for structured items, refuses paper for a signed online dossier however it is asked, and only once', async () => {
      t.clock.set(VN('2020-05-12T10:00:00'));
      const d = await submit();
      // Leaving out the channel is no longer a way around the rule: the request must say what it asks for.
      const vague = await act(d.id, bhxh(), { action: 'request-supplement', reason: 'Nộp bản giấy' });
      expect(vague.status).toBe(400);
      expect(vague.body).toMatchObject({ code: 'DOSSIER_SUPPLEMENT_ITEMS_REQUIRED', field: 'items' });
      const paper = { action: 'request-supplement', reason: 'Thiếu hồ sơ', items: [{ document: 'Danh sách người lao động', form: 'electronic' }, { document: 'Hợp đồng lao động', form: 'paper' }] };
      const refused = await act(d.id, bhxh(), paper);
      expect([refused.status, refused.body.code]).toEqual([422, 'DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN']);
      expect((await act(d.id, bhxh(), { ...paper, items: [{ document: 'x', form: 'scan' }] })).status).toBe(400);
      const items = [{ document: 'Danh sách người lao động (Mẫu số 01)', form: 'electronic', note: 'bổ sung số sổ BHXH' }];
      const asked = (await act(d.id, bhxh(), { action: 'request-supplement', reason: 'Thiếu số sổ BHXH', items }).expect(200)).body;
      expect(asked).toMatchObject({ status: 'awaiting-supplement', supplementRequests: 1 });
      const form02 = await t.http().get(`/api/v1/dossiers/${d.id}/documents/02-2`).set(bearer(s.admin)).expect(200);
      expect(form02.text).toContain('Danh sách người lao động (Mẫu số 01) (bản điện tử): bổ sung số sổ BHXH');
      await act(d.id, s.integration, { action: 'supplement', data: { attachments: [{ name: 'bo-sung.pdf', sha256: 'd'.repeat(64) }] } }).expect(200);
      // Decree 61/2018: once per dossier.
      const again = await act(d.id, bhxh(), { action: 'request-supplement', reason: 'Thiếu tiếp', items });
      expect([again.status, again.body.code]).toEqual([422, 'DOSSIER_SUPPLEMENT_ALREADY_REQUESTED']);
      const history = (await t.http().get(`/api/v1/dossiers/${d.id}/history`).set(bearer(s.admin)).expect(200)).body;
      expect(history.filter((e: { action: string }) => e.action === 'request-supplement')).toHaveLength(1);
    });

    it('refuses with a ground from the version\'s closed list, printed on form 03', async () => {
      const d = await submit();
      expect((await act(d.id, bhxh(), { action: 'reject', reason: 'Thiếu bản giấy' })).body).toMatchObject({ code: 'DOSSIER_GROUND_REQUIRED', field: 'ground' });
      expect((await act(d.id, bhxh(), { action: 'reject', reason: 'Thiếu bản giấy', ground: 'missing-paper-copies' })).body.code).toBe('DOSSIER_GROUND_UNKNOWN');
      expect((await act(d.id, bhxh(), { action: 'reject', reason: 'x', ground: 'incomplete-after-supplement' })).body.code).toBe('DOSSIER_GROUND_NOT_APPLICABLE');
      const done = (await act(d.id, bhxh(), { action: 'reject', reason: 'Bà Ánh không tham gia BHXH bắt buộc', ground: 'no-social-insurance' }).expect(200)).body;
      expect(done.status).toBe('rejected');
      const form03 = await t.http().get(`/api/v1/dossiers/${d.id}/documents/03-2`).set(bearer(s.admin)).expect(200);
      expect(form03.text).toContain('Người lao động không tham gia bảo hiểm xã hội bắt buộc tại thời điểm tạm hoãn hoặc nghỉ việc không hưởng lương');
    });

    it('records BHXH\'s signature on confirming, and the paper rule then covers every later step of an unsigned dossier', async () => {
      const d = await submit(submission({ signature: null }));
      expect(d.signed).toBe(false);
      const signature = { certificateSerial: '54011F2A', signedAt: '2020-05-12T14:00:00+07:00' };
      const confirmed = (await act(d.id, bhxh(), { action: 'confirm', signature }).expect(200)).body;
      expect(confirmed.insuranceSignature).toEqual({ ...signature, unitCode: bhxh().unitCode });
      const district = s.byStep['district-appraisal'];
      const paper = await act(d.id, district, { action: 'request-supplement', reason: 'Nộp bản giấy', channel: 'paper' });
      expect([paper.status, paper.body.code]).toEqual([422, 'DOSSIER_PAPER_SUPPLEMENT_FORBIDDEN']);
      expect((await act(d.id, district, { action: 'appraise', signature })).body.code).toBe('DOSSIER_FIELD_NOT_EXPECTED');
      // Without BHXH's signature an unsigned dossier may still be asked for paper.
      const other = await submit(submission({ signature: null }));
      await act(other.id, bhxh(), { action: 'confirm' }).expect(200);
      await act(other.id, district, { action: 'request-supplement', reason: 'Nộp bản giấy', channel: 'paper' }).expect(200);
    });

    it('cannot approve a dossier the law excludes: only refuse it', async () => {
      const d = await submit(submission({ workers: [{ fullName: 'Võ Thị Lan', idNumber: '051190000777', socialInsuranceCode: '5112345600', from: '2020-07-01', to: '2020-09-30' }] }));
      expect(d.eligibility).toMatchObject({ blocking: true });
      await act(d.id, bhxh(), { action: 'confirm' }).expect(200);
      await act(d.id, s.byStep['district-appraisal'], { action: 'appraise' }).expect(200);
      const approve = await act(d.id, s.byStep['provincial-approval'], { action: 'approve' });
      expect([approve.status, approve.body.code]).toEqual([422, 'DOSSIER_INELIGIBLE_MUST_REJECT']);
      await act(d.id, s.byStep['provincial-approval'], { action: 'reject', ground: 'not-in-programme-period', reason: 'Nghỉ không lương từ 01/7/2020' }).expect(200);
    });
  });

  describe('portal status codes', () => {
    const messages = async (id: string): Promise<[string, number, string | null][]> =>
      (await t.db.query('SELECT payload FROM outbox_message WHERE dossier_id = $1 ORDER BY seq', [id])).map(
        (r: { payload: { event: string; TrangThaiHoSo: number; NgayHenTra: string | null } }) => [r.payload.event, r.payload.TrangThaiHoSo, r.payload.NgayHenTra],
      );

    it('goes back to 2 after a supplement at BHXH, has no NgayHenTra while waiting, and reaches 10 when the result is returned', async () => {
      t.clock.set(VN('2020-05-12T10:00:00'));
      const d = await submit();
      t.clock.set(VN('2020-05-13T10:00:00'));
      await act(d.id, bhxh(), { action: 'request-supplement', reason: 'Thiếu danh sách', channel: 'online' }).expect(200);
      t.clock.set(VN('2020-05-18T10:00:00'));
      await act(d.id, s.integration, { action: 'supplement', data: { attachments: [] } }).expect(200);
      await act(d.id, bhxh(), { action: 'confirm' }).expect(200);
      await act(d.id, s.byStep['district-appraisal'], { action: 'appraise' }).expect(200);
      const province = s.byStep['provincial-approval'];
      await act(d.id, province, { action: 'approve' }).expect(200);
      // Not the portal's nor the approving unit's to skip: an unrelated official may not record it.
      expect((await t.http().post(`/api/v1/dossiers/${d.id}/result-returned`).set(bearer(bhxh())).send({})).status).toBe(403);
      const returned = (await t.http().post(`/api/v1/dossiers/${d.id}/result-returned`).set(bearer(s.integration)).send({ comment: 'Đã trả kết quả' }).expect(200)).body;
      expect(returned).toMatchObject({ status: 'approved', resultReturnedAt: VN('2020-05-18T10:00:00').toISOString() });
      expect((await t.http().post(`/api/v1/dossiers/${d.id}/result-returned`).set(bearer(province)).send({})).body.code).toBe('DOSSIER_RESULT_ALREADY_RETURNED');
      const sent = await messages(d.id);
      expect(sent.map(([event, code]) => [event, code])).toEqual([
        ['submitted', 1], ['request-supplement', 5], ['supplement', 2], ['confirm', 4], ['appraise', 4], ['approve', 9], ['result-returned', 10],
      ]);
      // While the applicant holds it, no appointed date; back at BHXH, the date in force resumes with the time left.
      expect(sent[1][2]).toBeNull();
      expect(sent[0][2]).not.toBeNull();
      expect(Date.parse(sent[2][2]!)).toBeGreaterThan(Date.parse(sent[0][2]!));
      const publicView = (await t.http().get(`/api/v1/public/dossiers/${d.portalCode}?taxCode=${d.applicant.taxCode}`).expect(200)).body;
      expect(publicView.portalStatusCode).toBe(10);
    });

    it('stops at 3 for a refusal of receipt; a dossier not approved has no result to return', async () => {
      const d = await submit();
      await act(d.id, bhxh(), { action: 'reject', ground: 'ineligible', reason: 'Không thuộc đối tượng' }).expect(200);
      expect((await messages(d.id)).map(([, code]) => code)).toEqual([1, 3]);
      expect((await t.http().post(`/api/v1/dossiers/${d.id}/result-returned`).set(bearer(s.integration)).send({})).body.code).toBe('DOSSIER_RESULT_NOT_RETURNABLE');
    });
  });

  describe('the signer of form 04', () => {
    it('lets only an official who may sign for the unit send the apology; the CLI grants and withdraws the right', async () => {
      t.clock.set(VN('2020-05-12T10:00:00'));
      const d = await submit();
      const clerk = await official(t.db, 'social-insurance', { grants: [['unpaid-leave-support', 'insurance-confirmation']], maySign: false });
      const [row] = await t.db.query('SELECT id_number FROM official WHERE id = $1', [clerk.officialId]);
      const apologise = () =>
        t.http().post(`/api/v1/dossiers/${d.id}/apologies`).set(bearer(clerk)).send({ reason: 'Chờ xác minh', newReturnDate: '2020-05-27' });
      const refused = await apologise();
      expect([refused.status, refused.body.code]).toEqual([403, 'APOLOGY_SIGNER_NOT_AUTHORISED']);
      const cli = cliOn(t.databaseUrl);
      const granted = await cli('officials', 'signer', '--official', row.id_number, '--may-sign', 'yes', '--json');
      expect(JSON.parse(granted.out)).toMatchObject({ official: row.id_number, maySign: true, changed: true });
      expect((await cli('officials', 'signer', '--official', row.id_number, '--may-sign', 'perhaps')).code).not.toBe(0);
      const letter = (await apologise().expect(201)).body;
      expect(letter.signer).toMatchObject({ officialId: clerk.officialId });
      const form = await t.http().get(`/api/v1/dossiers/${d.id}/documents/04-${letter.id}`).set(bearer(s.admin)).expect(200);
      expect(form.text).toContain('ĐẠI DIỆN CƠ QUAN');
      expect(form.text).toContain(letter.signer.fullName);
      const audit = await t.db.query(`SELECT action FROM audit_event WHERE action LIKE 'official.may%'`);
      expect(audit).toEqual([{ action: 'official.may-sign' }]);
    });
  });
});
