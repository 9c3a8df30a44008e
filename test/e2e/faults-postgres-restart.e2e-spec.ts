import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/data-source';
import { staff, submission } from '../support/factories';
import { type PostgresProcess, startPostgresProcess } from '../support/postgres-process';
import { freePort, startService, type ServiceProcess } from '../support/service-process';
import { expectConsistentHistories } from '../support/verify';

jest.setTimeout(120_000);

// The shared PostgreSQL serves every other test file, so this one stops and starts its own.
const DATA_DIR = resolve(`.data/fault-${process.pid}`);
const WALK: [step: string, action: string][] = [
  ['insurance-confirmation', 'confirm'],
  ['district-appraisal', 'appraise'],
  ['provincial-approval', 'approve'],
];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('PostgreSQL restarted under a stream of actions (e2e, real processes)', () => {
  let port: number;
  let pg: PostgresProcess;
  let service: ServiceProcess;
  let s: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    port = await freePort();
    pg = await startPostgresProcess(DATA_DIR, port);
    // The service migrates the empty database as it starts. The dispatcher's timer keeps
    // querying while the database is away: that must not take the process down.
    service = await startService(pg.url, { PORTAL_DISPATCH_INTERVAL_MS: '100' });
    const db = await new DataSource(dataSourceOptions(pg.url)).initialize();
    s = await staff(db);
    await db.destroy();
  });
  afterAll(async () => {
    // A service that died on its own says why.
    if (service && service.child.exitCode !== null) console.error(service.output());
    await service?.kill();
    await pg?.stop();
    rmSync(DATA_DIR, { recursive: true, force: true });
  });

  const call = async (method: string, path: string, who: { token: string } | null, body?: object) => {
    const res = await fetch(`${service.url}${path}`, {
      method,
      headers: { ...(who ? { Authorization: `Bearer ${who.token}` } : {}), 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(15_000),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  it('answers 503 (never 500) while PostgreSQL is down, recovers by itself, and loses nothing answered', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const created = await call('POST', '/api/v1/dossiers', s.integration, submission());
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }

    // Every dossier is walked to approval by its own worker, which retries whatever was not answered 200.
    const answered: string[] = [];
    const refusals: { status: number; code: string }[] = [];
    let running = true;
    const workers = ids.map(async (id) => {
      let next = 0;
      while (running && next < WALK.length) {
        const [step, action] = WALK[next];
        const res = await call('POST', `/api/v1/dossiers/${id}/actions`, s.byStep[step], { action });
        if (res.status === 200) {
          answered.push(`${id}:${action}`);
          next++;
        } else if (res.status === 409) {
          // Committed, but the answer was lost with the connection: carry on from where the dossier is.
          if (res.body.state) next = WALK.findIndex(([step]) => step === res.body.state);
          if (next < 0) next = WALK.length;
        } else {
          refusals.push({ status: res.status, code: res.body.code });
          await sleep(50);
        }
      }
    });

    await sleep(200);
    await pg.stop();
    const health = await call('GET', '/health', null);
    expect(health.status).toBe(503);
    expect((await call('GET', '/api/v1/health', null)).status).toBe(503);
    // Reads fail cleanly too, including the auth guard's token lookup.
    const read = await call('GET', `/api/v1/dossiers/${ids[0]}`, s.integration);
    expect(read).toMatchObject({ status: 503, body: { code: 'DATABASE_UNAVAILABLE' } });
    await sleep(3000);

    pg = await startPostgresProcess(DATA_DIR, port);
    const back = Date.now();
    while ((await call('GET', '/health', null)).status !== 200) {
      expect(Date.now() - back).toBeLessThan(20_000);
      await sleep(100);
    }
    // Finish the walk well after the database came back; the service was never restarted.
    const finish = setTimeout(() => (running = false), 30_000);
    await Promise.all(workers);
    clearTimeout(finish);
    expect(service.child.exitCode).toBeNull();

    expect(refusals.length).toBeGreaterThan(0);
    for (const r of refusals) expect(r).toEqual({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(service.output()).not.toMatch(/INTERNAL_ERROR|unhandled/i);

    const db = await new DataSource(dataSourceOptions(pg.url)).initialize();
    try {
      const states: { state: string }[] = await db.query('SELECT state FROM dossier WHERE id = ANY($1)', [ids]);
      expect(states.map((d) => d.state)).toEqual(ids.map(() => 'approved'));
      const events: { dossier_id: string; action: string }[] = await db.query(
        `SELECT dossier_id, action FROM dossier_event WHERE dossier_id = ANY($1) AND type = 'action'`,
        [ids],
      );
      const stored = new Set(events.map((e) => `${e.dossier_id}:${e.action}`));
      for (const a of answered) expect(stored.has(a)).toBe(true);
      // Three actions each, none twice.
      expect(events).toHaveLength(ids.length * WALK.length);
      const outbox: { n: string }[] = await db.query('SELECT count(*) AS n FROM outbox_message WHERE dossier_id = ANY($1)', [ids]);
      expect(Number(outbox[0].n)).toBe(ids.length * (WALK.length + 1));
      await expectConsistentHistories(db);
    } finally {
      await db.destroy();
    }
  });
});
