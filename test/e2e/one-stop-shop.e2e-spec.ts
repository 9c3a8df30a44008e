import { DeadlinePassService } from '../../src/deadlines/deadline-pass.service';
import { bearer, staff, submission } from '../support/factories';
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
      const loan = await submit(submission({ procedureCode: 'wage-loan-support' }, { provinceCode: '92', districtCode: '916' }));
      // Ninh Kiều is region II (3,920,000): half of it for 3 months, and for 1.5 months rounded up to 2, is 5,880,000 + 3,920,000.
      expect(loan.eligibility).toMatchObject({ status: 'check', blocking: false, totals: { loanCap: 9_800_000, loanRequested: 11_760_000 } });
      expect(loan.eligibility.findings.map((f: { rule: string }) => f.rule)).toEqual(['LOAN_ABOVE_CAP']);
    });
  });
});
