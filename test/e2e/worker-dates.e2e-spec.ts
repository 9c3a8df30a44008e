import { bearer, staff, submission } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

describe('worker dates mean dates of this world (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
  });
  afterAll(() => t.close());

  const submit = (body: object) => t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(body);
  const withWorker = (patch: Record<string, string>) => {
    const body = submission();
    return { ...body, workers: [{ ...body.workers[0], ...patch }, body.workers[1]] };
  };
  const dossiers = async () => (await t.db.query('SELECT count(*)::int AS n FROM dossier'))[0].n;

  it.each([
    [{ from: '0001-01-01' }, '/workers/0/from'],
    [{ to: '9999-12-31' }, '/workers/0/to'],
    [{ from: '1899-12-31' }, '/workers/0/from'],
    [{ to: '2101-01-01' }, '/workers/0/to'],
    [{ from: '2021-02-29' }, '/workers/0/from'],
    [{ from: '2020-06-30', to: '2020-04-01' }, '/workers/0/to'],
  ])('%j is a 400 naming %s, storing nothing', async (patch, pointer) => {
    const before = await dossiers();
    const res = await submit(withWorker(patch));
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual([pointer]);
    expect(await dossiers()).toBe(before);
  });

  it('words the window in the message, in English and Vietnamese', async () => {
    const en = await submit(withWorker({ from: '0001-01-01' })).set('Accept-Language', 'en');
    expect(en.body.message).toEqual(['workers.0.from must be a calendar date YYYY-MM-DD from 1900-01-01 to 2100-12-31']);
    const vi = await submit(withWorker({ from: '0001-01-01' })).set('Accept-Language', 'vi');
    expect(vi.body.errors[0].detail).toMatch(/1900-01-01 đến 2100-12-31/);
  });

  it('refuses the same in a supplement, naming data.workers.0.to', async () => {
    const { body } = await submit(submission()).expect(201);
    await t.http().post(`/api/v1/dossiers/${body.id}/actions`).set(bearer(s.byStep['insurance-confirmation']))
      .send({ action: 'request-supplement', reason: 'Bổ sung danh sách', channel: 'online' }).expect(200);
    const res = await t.http().post(`/api/v1/dossiers/${body.id}/actions`).set(bearer(s.integration))
      .send({ action: 'supplement', data: { workers: [{ ...submission().workers[0], to: '9999-12-31' }] } });
    expectProblem(res, 400, 'VALIDATION_FAILED');
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/data/workers/0/to']);
  });

  it('receives a plausible period outside the programme: an eligibility finding for that worker, never a 400', async () => {
    const res = await submit(withWorker({ from: '1990-01-01', to: '1990-03-31' })).expect(201);
    expect(res.body.eligibility.workersToCheck).toHaveLength(1);
    expect(res.body.eligibility.workersToCheck[0].findings.map((f: { rule: string }) => f.rule)).toEqual(['PERIOD_OUTSIDE_PROGRAMME']);
    // The window's own ends are dates too.
    const ends = await submit(withWorker({ from: '1900-01-01', to: '2100-12-31' })).expect(201);
    expect(ends.body.eligibility.workersToCheck[0].findings.map((f: { rule: string }) => f.rule)).toEqual(['START_OUTSIDE_PROGRAMME']);
  });
});
