import { bearer, staff, submission } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

const nfd = (text: string) => text.normalize('NFD');
const pointers = (body: { errors?: { pointer: string }[] }) => (body.errors ?? []).map((e) => e.pointer);

describe('text fields mean text (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
  });
  afterAll(() => t.close());

  const submit = (body: object) => t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(body);
  const act = (id: string, who: { token: string }, body: object) => t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(who)).send(body);
  const dossiers = async () => (await t.db.query('SELECT count(*)::int AS n FROM dossier'))[0].n;

  it.each([
    ['zero-width characters only', '\u200b\u200c\u200d\ufeff'],
    ['spaces and a zero-width space', '  \u200b \u00a0'],
    ['control characters only', '\u0007\u001b'],
  ])('refuses a name of %s with a 400 naming the field, storing nothing', async (_what, name) => {
    const before = await dossiers();
    const body = submission({}, { name });
    const res = await submit(body);
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(pointers(res.body)).toEqual(['/applicant/name']);
    const worker = await submit({ ...body, applicant: submission().applicant, workers: [{ ...body.workers[0], fullName: name }] });
    expectProblem(worker, 400, 'VALIDATION_FAILED');
    expect(pointers(worker.body)).toEqual(['/workers/0/fullName']);
    expect(await dossiers()).toBe(before);
  });

  it('refuses control characters inside a visible name (a terminal escape), naming the field', async () => {
    const res = await submit(submission({}, { name: 'Công ty \u001b[2J May' }));
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(pointers(res.body)).toEqual(['/applicant/name']);
    expect(res.body.message.join(' ')).toMatch(/applicant\.name must be text on one line, without control characters/);
  });

  it('stores text in NFC: an NFD name reads back composed, and an NFD resubmission is the same submission', async () => {
    const body = submission({}, { name: nfd('Công ty TNHH Dệt may Quảng Ngãi') });
    body.workers[0].fullName = nfd('Nguyễn Thị Ánh');
    expect(body.applicant.name).not.toBe('Công ty TNHH Dệt may Quảng Ngãi');
    const first = await submit(body).expect(201);
    expect(first.body.applicant.name).toBe('Công ty TNHH Dệt may Quảng Ngãi');
    const view = await t.http().get(`/api/v1/dossiers/${first.body.id}`).set(bearer(s.admin)).expect(200);
    expect(view.body.workers[0].fullName).toBe('Nguyễn Thị Ánh');
    // Composed this time: the same body up to NFC, so the same dossier (200), not a conflict (409).
    const composed = { ...body, applicant: { ...body.applicant, name: 'Công ty TNHH Dệt may Quảng Ngãi' } };
    const again = await submit(composed).expect(200);
    expect(again.body.id).toBe(first.body.id);
  });

  it('replays an NFD resubmission under the same Idempotency-Key (200), acting once', async () => {
    const { body } = await submit(submission()).expect(201);
    const bhxh = s.byStep['insurance-confirmation'];
    const comment = 'Đã đối chiếu danh sách người lao động';
    const key = `nfd-${body.id}`;
    const first = await act(body.id, bhxh, { action: 'confirm', comment }).set('Idempotency-Key', key).expect(200);
    const again = await act(body.id, bhxh, { action: 'confirm', comment: nfd(comment) }).set('Idempotency-Key', key).expect(200);
    expect(again.body).toEqual(first.body);
    const history = await t.http().get(`/api/v1/dossiers/${body.id}/history`).set(bearer(s.admin)).expect(200);
    expect(history.body).toHaveLength(2);
    expect(history.body[1].comment).toBe(comment);
  });
});
