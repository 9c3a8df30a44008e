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
});
