import { bearer, staff, submission } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

// Acceptance (tiếp nhận) and the one-stop moments the portal hears of (Circular 01/2018/TT-VPCP; the portal's TrangThaiHoSo).
describe('acceptance and the portal statuses 1/2/3 (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  const VN = (local: string) => new Date(`${local}+07:00`);
  const submit = async (body = submission()) => (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(body).expect(201)).body;
  const act = (id: string, who: { token: string }, body: object) => t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(who)).send(body);
  const bhxh = () => s.byStep['insurance-confirmation'];
  type Payload = { event: string; TrangThaiHoSo: number; items?: unknown[]; document?: { form: string; number: string | null; issuedAt: string } };
  const messages = async (id: string): Promise<Payload[]> =>
    (await t.db.query('SELECT payload FROM outbox_message WHERE dossier_id = $1 ORDER BY seq', [id])).map((r: { payload: Payload }) => r.payload);
  const forms = async (id: string, who = bhxh()) =>
    (await t.http().get(`/api/v1/dossiers/${id}/documents`).set(bearer(who)).expect(200)).body.map((d: { form: string }) => d.form);

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
  });
  afterAll(() => t.close());

  it('is 1 until the receiving unit accepts, 2 after; accept keeps the step\'s clock, issues form 01 and is offered once', async () => {
    t.clock.set(VN('2020-05-12T10:00:00'));
    const d = await submit();
    expect(d.availableActions).toEqual(['withdraw']);
    const seen = (await t.http().get(`/api/v1/dossiers/${d.id}`).set(bearer(bhxh())).expect(200)).body;
    expect(seen.availableActions).toContain('accept');
    expect(await forms(d.id)).not.toContain('01');

    t.clock.set(VN('2020-05-12T11:00:00'));
    const accepted = (await act(d.id, bhxh(), { action: 'accept' }).expect(200)).body;
    expect(accepted).toMatchObject({ state: 'insurance-confirmation', status: 'processing', receiptDueAt: null, currentStep: seen.currentStep });
    expect(accepted.availableActions).not.toContain('accept');
    expect(await forms(d.id)).toContain('01');
    const again = await act(d.id, bhxh(), { action: 'accept' });
    expect([again.status, again.body.code]).toEqual([409, 'DOSSIER_ACTION_NOT_AVAILABLE']);
    // Not an integration's or another unit's act.
    expect((await act(d.id, s.integration, { action: 'accept' })).status).toBe(409);

    await act(d.id, bhxh(), { action: 'confirm' }).expect(200);
    expect((await messages(d.id)).map((m) => [m.event, m.TrangThaiHoSo])).toEqual([['submitted', 1], ['accept', 2], ['confirm', 4]]);
    const history = (await t.http().get(`/api/v1/dossiers/${d.id}/history`).set(bearer(s.admin)).expect(200)).body;
    expect(history.map((e: { action: string; fromState: string; toState: string }) => [e.action, e.fromState, e.toState])).toEqual([
      ['submit', 'submission', 'insurance-confirmation'],
      ['accept', 'insurance-confirmation', 'insurance-confirmation'],
      ['confirm', 'insurance-confirmation', 'district-appraisal'],
    ]);
  });

  it('counts the unit\'s first other action as acceptance: a supplement request lists its items to the portal', async () => {
    const d = await submit();
    const items = [{ document: 'Danh sách người lao động', form: 'electronic', note: 'có chữ ký' }];
    const asked = (await act(d.id, bhxh(), { action: 'request-supplement', reason: 'Thiếu danh sách', items }).expect(200)).body;
    expect(await forms(d.id)).toEqual(expect.arrayContaining(['01', '02']));
    const back = (await act(d.id, s.integration, { action: 'supplement', data: { attachments: [] } }).expect(200)).body;
    expect(back.version).toBe(asked.version + 1);
    const again = (await t.http().get(`/api/v1/dossiers/${d.id}`).set(bearer(bhxh())).expect(200)).body;
    expect(again.availableActions).not.toContain('accept');
    const sent = await messages(d.id);
    expect(sent.map((m) => [m.event, m.TrangThaiHoSo])).toEqual([['submitted', 1], ['request-supplement', 5], ['supplement', 2]]);
    expect(sent[1].items).toEqual(items);
  });

  it('is 3 for a refusal of receipt (form 03, no form 01), 8 for a refusal after acceptance (a notice)', async () => {
    t.clock.set(VN('2020-05-12T10:00:00'));
    const refused = await submit();
    await act(refused.id, bhxh(), { action: 'reject', ground: 'ineligible', reason: 'Không thuộc đối tượng' }).expect(200);
    const [, refusal] = await messages(refused.id);
    expect(refusal).toMatchObject({ event: 'reject', TrangThaiHoSo: 3, document: { form: '03', number: null, issuedAt: VN('2020-05-12T10:00:00').toISOString() } });
    expect(await forms(refused.id)).toEqual(['03', '05']);

    const later = await submit();
    await act(later.id, bhxh(), { action: 'accept' }).expect(200);
    await act(later.id, bhxh(), { action: 'reject', ground: 'ineligible', reason: 'Không thuộc đối tượng' }).expect(200);
    expect((await messages(later.id)).at(-1)).toMatchObject({ TrangThaiHoSo: 8, document: { form: 'notice' } });
    const pub = (await t.http().get(`/api/v1/public/dossiers/${refused.portalCode}?taxCode=${refused.applicant.taxCode}`).expect(200)).body;
    expect(pub.portalStatusCode).toBe(3);
  });
});
