import { bearer, staff, submission } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

// Every name an object inherits: a key so named is as unknown as any other undeclared key.
const NAMES = Object.getOwnPropertyNames(Object.prototype);

/** A JSON text with `key: 1` added as the first member of the object at `path` (raw, so `__proto__` is a key). */
function withKey(body: object, path: string[], key: string): string {
  const marker = '"__marker__":0';
  const copy = structuredClone(body) as Record<string, unknown>;
  let node = copy;
  for (const p of path) node = node[p] as Record<string, unknown>;
  const entries = Object.entries(node);
  for (const k of Object.keys(node)) delete node[k];
  Object.assign(node, { __marker__: 0 }, Object.fromEntries(entries));
  return JSON.stringify(copy).replace(marker, `${JSON.stringify(key)}:1`);
}

describe('keys named after Object.prototype members (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp();
    s = await staff(t.db);
    id = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission()).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const json = (req: import('supertest').Test, text: string) => req.set('Content-Type', 'application/json').send(text);
  const counts = () => t.db.query('SELECT (SELECT count(*) FROM dossier)::int AS d, (SELECT count(*) FROM dossier_event)::int AS e');

  it.each(NAMES)('%s is refused with a 400 naming it, in queries, bodies and nested objects; nothing is written', async (key) => {
    const before = await counts();
    const body = submission();
    const sent: [string, Promise<import('supertest').Response>][] = [
      [key, t.http().get(`/api/v1/dossiers?${key}=1`).set(bearer(s.admin))],
      [key, t.http().get(`/api/v1/reports/processing?from=2020-01-01&${key}=x`).set(bearer(s.admin))],
      [key, json(t.http().post('/api/v1/dossiers').set(bearer(s.integration)), withKey(body, [], key))],
      [`applicant.${key}`, json(t.http().post('/api/v1/dossiers').set(bearer(s.integration)), withKey(body, ['applicant'], key))],
      [`workers.1.${key}`, json(t.http().post('/api/v1/dossiers').set(bearer(s.integration)), withKey(body, ['workers', '1'], key))],
      [`data.${key}`, json(t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(s.integration)), withKey({ action: 'withdraw', data: { x: 1 } }, ['data'], key))],
    ];
    for (const [field, answer] of sent) {
      const res = await answer;
      expectProblem(res, 400);
      expect(JSON.stringify(res.body.message)).toContain(key);
      // The JSON parser refuses __proto__, constructor and prototype by name; the validator gives the field's pointer.
      if (res.body.errors) expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(`/${field.replaceAll('.', '/')}`);
    }
    expect(await counts()).toEqual(before);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('ignores headers so named: no route reads a header by an inherited name', async () => {
    const req = t.http().get(`/api/v1/dossiers/${id}`).set(bearer(s.admin));
    for (const name of NAMES.filter((n) => n !== '__proto__')) req.set(name, '1');
    const res = await req.expect(200);
    expect(res.body.id).toBe(id);
  });
});
