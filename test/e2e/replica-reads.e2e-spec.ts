import { Client } from 'pg';
import { bearer, staff, submission } from '../support/factories';
import { createTestDatabase } from '../support/database';
import { consoleSignIn } from '../support/console';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The "replica" is a second database (a copy of the migrated template, so it holds no dossier of
 * the primary's): what it answers shows where a read went. Its search_path puts `public` before
 * pg_catalog, so functions there stand in for a standby's replay state (lag set per test).
 */
const STAND_IN = `
  CREATE TABLE replay_state (lag_ms int NOT NULL);
  INSERT INTO replay_state VALUES (0);
  CREATE FUNCTION public.pg_is_in_recovery() RETURNS boolean LANGUAGE sql AS 'SELECT true';
  CREATE FUNCTION public.pg_last_wal_receive_lsn() RETURNS pg_lsn LANGUAGE sql AS $$SELECT '0/2'::pg_lsn$$;
  CREATE FUNCTION public.pg_last_wal_replay_lsn() RETURNS pg_lsn LANGUAGE sql
    AS $$SELECT CASE WHEN lag_ms = 0 THEN '0/2'::pg_lsn ELSE '0/1'::pg_lsn END FROM replay_state$$;
  CREATE FUNCTION public.pg_last_xact_replay_timestamp() RETURNS timestamptz LANGUAGE sql
    AS $$SELECT now() - lag_ms * interval '1 millisecond' FROM replay_state$$;`;

const PERIOD = 'from=2020-05-01&to=2020-05-31';

describe('reads that may lag, from DATABASE_READ_URL (e2e)', () => {
  let replica: Awaited<ReturnType<typeof createTestDatabase>>;
  let replicaSql: Client;
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;
  let dossier: { portalCode: string; taxCode: string };

  beforeAll(async () => {
    replica = await createTestDatabase();
    replicaSql = new Client({ connectionString: replica.url });
    await replicaSql.connect();
    await replicaSql.query(STAND_IN);
    await replicaSql.query(`ALTER DATABASE "${replica.name}" SET search_path = public, pg_catalog`);
    t = await createTestApp({ DATABASE_READ_URL: replica.url, READ_MAX_LAG_MS: '5000' });
    s = await staff(t.db);
    const body = submission();
    await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(body).expect(201);
    dossier = { portalCode: body.portalCode, taxCode: body.applicant.taxCode };
  });
  afterAll(async () => {
    await t?.close();
    await replicaSql?.end();
    await replica?.drop();
  });

  const lagBy = (ms: number) => replicaSql.query('UPDATE replay_state SET lag_ms = $1', [ms]);
  const report = () => t.http().get(`/api/v1/reports/processing?${PERIOD}`).set(bearer(s.admin)).expect(200);
  /** How far X-Data-As-Of is behind the wall clock, in ms; the body's asOf must say the same. */
  const behind = (res: { headers: Record<string, string>; body: { asOf?: string } }) => {
    const header = res.headers['x-data-as-of'];
    expect(header).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    if (res.body.asOf !== undefined) expect(res.body.asOf).toBe(header);
    return Date.now() - Date.parse(header);
  };

  it('serves the report and the public lookup from a replica that is caught up, as of now', async () => {
    await lagBy(0);
    const res = await report();
    expect(res.body.totals.received).toBe(0); // the replica's data, not the primary's dossier
    expect(behind(res)).toBeLessThan(2000);
    const lookup = await t.http().get(`/api/v1/public/dossiers/${dossier.portalCode}`).query({ taxCode: dossier.taxCode });
    expect(lookup.status).toBe(404);
    expect(behind(lookup)).toBeLessThan(2000);
  });

  it('serves from a replica behind by less than READ_MAX_LAG_MS, saying as of its last replayed commit', async () => {
    await lagBy(3000);
    const res = await report();
    expect(res.body.totals.received).toBe(0);
    expect(behind(res)).toBeGreaterThanOrEqual(3000);
    expect(behind(res)).toBeLessThan(5000);
  });

  it("serves the console's overdue list from the replica, and from the primary when the replica lags", async () => {
    // An alert only the replica holds: the list shows it while the replica serves.
    const subject = '7b6c0f5e-1d2a-4c3b-9e8f-0a1b2c3d4e5f';
    await replicaSql.query(
      `INSERT INTO deadline_alert (id, subject_type, subject_id, kind, step, unit_code, due_at, opened_at)
       VALUES (gen_random_uuid(), 'dossier', $1, 'overdue', 'bhxh-confirmation', NULL, now() - interval '2 days', now() - interval '1 day')`,
      [subject],
    );
    const { cookie } = await consoleSignIn(t, s.admin.token);
    const list = () => t.http().get('/console/alerts?kind=overdue').set('Cookie', cookie!).expect(200);
    await lagBy(0);
    const fromReplica = await list();
    expect(fromReplica.text).toContain(subject);
    expect(behind(fromReplica)).toBeLessThan(2000);
    await lagBy(8000);
    const fromPrimary = await list();
    expect(fromPrimary.text).not.toContain(subject);
    expect(behind(fromPrimary)).toBeLessThan(2000);
    await lagBy(0);
  });

  it('falls back to the primary, as of now, when the replica is further behind', async () => {
    await lagBy(8000);
    const res = await report();
    expect(res.body.totals.received).toBe(1);
    expect(behind(res)).toBeLessThan(2000);
    const lookup = await t.http().get(`/api/v1/public/dossiers/${dossier.portalCode}`).query({ taxCode: dossier.taxCode }).expect(200);
    expect(lookup.body.portalCode).toBe(dossier.portalCode);
    expect(behind(lookup)).toBeLessThan(2000);
    await lagBy(0);
    expect((await report()).body.totals.received).toBe(0);
  });
});

describe('reads that may lag, without DATABASE_READ_URL (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('reads the primary and says so: as of now', async () => {
    const s = await staff(t.db);
    await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission()).expect(201);
    const res = await t.http().get(`/api/v1/reports/processing?${PERIOD}`).set(bearer(s.admin)).expect(200);
    expect(res.body.totals.received).toBe(1);
    expect(res.body.asOf).toBe(res.headers['x-data-as-of']);
    expect(Math.abs(Date.now() - Date.parse(res.body.asOf))).toBeLessThan(2000);
  });
});
