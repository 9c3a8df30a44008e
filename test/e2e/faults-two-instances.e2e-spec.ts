import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/data-source';
import { createTestDatabase } from '../support/database';
import { staff, submission } from '../support/factories';
import { startService, type ServiceProcess } from '../support/service-process';
import { expectConsistentHistories } from '../support/verify';

jest.setTimeout(120_000);

const DOSSIERS = 40;

// Alerts and outbox deliveries across two instances are raced in deadlines.e2e-spec.ts and outbox.e2e-spec.ts.
describe('two service instances on one database racing on the same dossiers (e2e, real processes)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let s: Awaited<ReturnType<typeof staff>>;
  let instances: ServiceProcess[] = [];
  let ids: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(database.url)).initialize();
    s = await staff(db);
    // Small pools: the shared PostgreSQL serves other test files at the same time.
    instances = await Promise.all([0, 1].map(() => startService(database.url, { DB_POOL_SIZE: '5' })));
  }, 90_000);
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.kill()));
    await db.destroy();
    await database.drop();
  });

  const call = async (instance: ServiceProcess, path: string, who: { token: string }, body: object, headers: Record<string, string> = {}) => {
    const res = await fetch(`${instance.url}/api/v1${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${who.token}`, 'Content-Type': 'application/json', ...headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  /** Two requests to each instance at once; the statuses sorted, with the code of any answer but 200 and 409. */
  const race = async (send: (instance: ServiceProcess, i: number) => Promise<{ status: number; body: Record<string, any> }>) =>
    (await Promise.all([0, 1, 2, 3].map((i) => send(instances[i % 2], i))))
      .map((r) => ([200, 409].includes(r.status) ? String(r.status) : `${r.status} ${r.body.code}`))
      .sort();

  it('submits each portalCode once when the portal sends it to both instances at once', async () => {
    const bodies = Array.from({ length: DOSSIERS }, () => submission());
    const results = await Promise.all(
      bodies.map((body) => Promise.all([0, 1, 2, 3].map((i) => call(instances[i % 2], '/dossiers', s.integration, body)))),
    );
    for (const answers of results) {
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
    }
    ids = results.map((answers) => answers[0].body.id);
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM dossier WHERE id = ANY($1)', [ids]);
    expect(n).toBe(DOSSIERS);
  });

  it('lets exactly one of four identical actions win per transition; the others get 409', async () => {
    for (const [step, action] of [['insurance-confirmation', 'confirm'], ['district-appraisal', 'appraise']]) {
      const outcomes = await Promise.all(ids.map((id) => race((instance) => call(instance, `/dossiers/${id}/actions`, s.byStep[step], { action }))));
      for (const statuses of outcomes) expect(statuses).toEqual(['200', '409', '409', '409']);
    }
  });

  it('lets exactly one of competing different actions win', async () => {
    const actions = [{ action: 'approve' }, { action: 'reject', ground: 'ineligible', reason: 'thiếu hồ sơ' }];
    const outcomes = await Promise.all(
      ids.map((id) => race((instance, i) => call(instance, `/dossiers/${id}/actions`, s.byStep['provincial-approval'], actions[i % 2]))),
    );
    for (const statuses of outcomes) expect(statuses).toEqual(['200', '409', '409', '409']);
  });

  it('applies a repeated Idempotency-Key once and answers every repeat alike', async () => {
    const fresh: string[] = [];
    for (let k = 0; k < 10; k++) fresh.push((await call(instances[k % 2], '/dossiers', s.integration, submission())).body.id);
    const outcomes = await Promise.all(
      fresh.map((id) =>
        Promise.all(
          [0, 1, 2, 3].map((i) =>
            call(instances[i % 2], `/dossiers/${id}/actions`, s.byStep['insurance-confirmation'], { action: 'confirm' }, { 'Idempotency-Key': `confirm-${id}` }),
          ),
        ),
      ),
    );
    for (const answers of outcomes) {
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
      for (const a of answers) expect(a.body).toEqual(answers[0].body);
    }
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM dossier_event WHERE dossier_id = ANY($1) AND action = 'confirm'`, [fresh]);
    expect(n).toBe(fresh.length);
  });

  it('leaves every history consistent, with one outbox message per event and no transition twice', async () => {
    const counts: { events: number; messages: number; repeated: number }[] = await db.query(`
      SELECT (SELECT count(*)::int FROM dossier_event e WHERE e.dossier_id = d.id) AS events,
             (SELECT count(*)::int FROM outbox_message o WHERE o.dossier_id = d.id) AS messages,
             (SELECT count(*)::int - count(DISTINCT coalesce(e.from_state, ''))::int FROM dossier_event e WHERE e.dossier_id = d.id) AS repeated
      FROM dossier d`);
    expect(counts.length).toBe(DOSSIERS + 10);
    for (const c of counts) {
      expect(c.messages).toBe(c.events);
      expect(c.repeated).toBe(0);
    }
    const final: { state: string; n: number }[] = await db.query(
      'SELECT state, count(*)::int AS n FROM dossier WHERE id = ANY($1) GROUP BY state ORDER BY state',
      [ids],
    );
    expect(final.reduce((a, f) => a + f.n, 0)).toBe(DOSSIERS);
    expect(final.every((f) => ['approved', 'rejected'].includes(f.state))).toBe(true);
    await expectConsistentHistories(db);
  });
});
