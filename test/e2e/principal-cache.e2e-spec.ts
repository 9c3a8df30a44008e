import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/data-source';
import { createTestDatabase } from '../support/database';
import { official, staff, submission, unit } from '../support/factories';
import { startService, type ServiceProcess } from '../support/service-process';
import { PrincipalsService } from '../../src/auth/principals.service';
import { hashToken } from '../../src/auth/tokens';
import { createTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(120_000);

/** The promise: a change by any writer takes effect on every instance within a second (the cache's TTL is 30 s). */
const WITHIN_MS = 1_000;

describe('principals cached by two instances and dropped on both by any writer\'s change (e2e, real processes)', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: DataSource;
  let s: Awaited<ReturnType<typeof staff>>;
  let instances: ServiceProcess[] = [];
  let dossierId = '';

  beforeAll(async () => {
    database = await createTestDatabase();
    db = await new DataSource(dataSourceOptions(database.url)).initialize();
    s = await staff(db);
    instances = await Promise.all([0, 1].map(() => startService(database.url, { DB_POOL_SIZE: '3' })));
    const res = await send(instances[0], 'POST', '/dossiers', s.integration.token, submission());
    expect(res.status).toBe(201);
    dossierId = res.body.id;
  }, 90_000);
  afterAll(async () => {
    await Promise.all(instances.map((i) => i.kill()));
    await db.destroy();
    await database.drop();
  });

  async function send(instance: ServiceProcess, method: string, path: string, token: string, body?: object) {
    const res = await fetch(`${instance.url}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(15_000),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }
  /** Each instance's answer to the same request: status and code. */
  const onBoth = (method: string, path: string, token: string, body?: object) =>
    Promise.all(instances.map(async (i) => {
      const r = await send(i, method, path, token, body);
      return r.status === 200 ? '200' : `${r.status} ${r.body.code}`;
    }));
  /** A change written straight into the database, as psql or another program would, then the promised second. */
  const writeElsewhere = async (sql: string, params: unknown[]) => {
    await db.query(sql, params);
    await new Promise((r) => setTimeout(r, WITHIN_MS));
  };

  it('drops a revoked token', async () => {
    const who = await official(db, 'social-insurance', { grants: [['unpaid-leave-support', 'insurance-confirmation']] });
    expect(await onBoth('GET', `/dossiers/${dossierId}`, who.token)).toEqual(['200', '200']);
    await writeElsewhere('UPDATE principal SET revoked_at = now() WHERE id = $1', [who.principalId]);
    expect(await onBoth('GET', `/dossiers/${dossierId}`, who.token)).toEqual(['401 AUTH_TOKEN_REVOKED', '401 AUTH_TOKEN_REVOKED']);
  });

  it('stops a cached token at its expiry, with no change to be told of', async () => {
    const who = await official(db, 'social-insurance');
    const token = `dvc_${randomBytes(32).toString('base64url')}`;
    // Inserted with its expiry (an insert notifies nobody), then cached by both instances.
    await db.query(
      `INSERT INTO principal (id, kind, name, official_id, token_hash, expires_at) VALUES ($1, 'official', 'expiring', $2, $3, now() + interval '3 seconds')`,
      [randomUUID(), who.officialId, hashToken(token)],
    );
    expect(await onBoth('GET', `/dossiers/${dossierId}`, token)).toEqual(['200', '200']);
    const [{ left }] = await db.query(`SELECT extract(epoch FROM expires_at - now()) * 1000 AS left FROM principal WHERE token_hash = $1`, [hashToken(token)]);
    await new Promise((r) => setTimeout(r, Math.max(0, Number(left)) + 100));
    expect(await onBoth('GET', `/dossiers/${dossierId}`, token)).toEqual(['401 AUTH_TOKEN_EXPIRED', '401 AUTH_TOKEN_EXPIRED']);
  });

  it('drops a deactivated official', async () => {
    const who = await official(db, 'social-insurance');
    expect(await onBoth('GET', `/dossiers/${dossierId}`, who.token)).toEqual(['200', '200']);
    await writeElsewhere('UPDATE official SET active = false WHERE id = $1', [who.officialId]);
    expect(await onBoth('GET', `/dossiers/${dossierId}`, who.token)).toEqual(['401 AUTH_OFFICIAL_INACTIVE', '401 AUTH_OFFICIAL_INACTIVE']);
  });

  it('follows an official moved to a unit of another province', async () => {
    const who = await official(db, 'social-insurance');
    expect(await onBoth('GET', `/dossiers/${dossierId}`, who.token)).toEqual(['200', '200']);
    const elsewhere = await unit(db, 'social-insurance', '01', '001');
    await writeElsewhere('UPDATE official SET unit_code = $2 WHERE id = $1', [who.officialId, elsewhere]);
    expect(await onBoth('GET', `/dossiers/${dossierId}`, who.token)).toEqual(['403 DOSSIER_OUT_OF_JURISDICTION', '403 DOSSIER_OUT_OF_JURISDICTION']);
  });

  it('follows a withdrawn grant: neither instance lets the official act on the step any more', async () => {
    const who = s.byStep['insurance-confirmation'];
    expect(await onBoth('GET', `/dossiers/${dossierId}`, who.token)).toEqual(['200', '200']);
    await writeElsewhere('DELETE FROM "grant" WHERE official_id = $1', [who.officialId]);
    expect(await onBoth('POST', `/dossiers/${dossierId}/actions`, who.token, { action: 'confirm' })).toEqual([
      '403 DOSSIER_ACTION_FORBIDDEN',
      '403 DOSSIER_ACTION_FORBIDDEN',
    ]);
    // A grant given back works as soon.
    await writeElsewhere('INSERT INTO "grant" (official_id, procedure_code, step) VALUES ($1, $2, $3)', [who.officialId, 'unpaid-leave-support', 'insurance-confirmation']);
    expect((await send(instances[1], 'POST', `/dossiers/${dossierId}/actions`, who.token, { action: 'confirm' })).status).toBe(200);
  });

  it('answers a token issued after its principal\'s first lookup at once (unknown tokens are not cached)', async () => {
    const who = await official(db, 'social-insurance');
    const fresh = `dvc_${'x'.repeat(43)}`;
    expect(await onBoth('GET', `/dossiers/${dossierId}`, fresh)).toEqual(['401 AUTH_TOKEN_INVALID', '401 AUTH_TOKEN_INVALID']);
    await db.query('UPDATE principal SET token_hash = $2 WHERE id = $1', [who.principalId, hashToken(fresh)]);
    expect(await onBoth('GET', `/dossiers/${dossierId}`, fresh)).toEqual(['200', '200']);
  });
});

describe('the principal cache in one process (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('serves a cached principal without any query, and looks it up (and records its use) again once anything changed', async () => {
    const who = await official(t.db, 'social-insurance');
    const principals = t.app.get(PrincipalsService);
    const lastUsed = async (): Promise<number> => (await t.db.query('SELECT last_used_at FROM principal WHERE id = $1', [who.principalId]))[0].last_used_at.getTime();
    const query = jest.spyOn(t.db, 'query');
    /** Authenticates until an answer came with (or without) a query; false if none did within a second. */
    const until = async (queried: boolean) => {
      for (let tries = 0; tries < 50; tries++) {
        query.mockClear();
        expect(await principals.authenticate(who.token)).toMatchObject({ principal: { id: who.principalId } });
        if ((query.mock.calls.length > 0) === queried) return true;
        await new Promise((r) => setTimeout(r, 20));
      }
      return false;
    };
    try {
      // Cached once the listening connection is up (it starts with the first lookup).
      expect(await until(false)).toBe(true);
      // Last use written a while ago, as by another instance: not a change anyone is told of, so
      // the cached principal is served on, with no write.
      await t.db.query(`UPDATE principal SET last_used_at = now() - interval '2 minutes' WHERE id = $1`, [who.principalId]);
      const stale = await lastUsed();
      query.mockClear();
      await principals.authenticate(who.token);
      expect(query).not.toHaveBeenCalled();
      expect(await lastUsed()).toBe(stale);
      // A change of the principal (here its name) is: the next request looks it up, and records the use.
      await t.db.query(`UPDATE principal SET name = 'renamed' WHERE id = $1`, [who.principalId]);
      expect(await until(true)).toBe(true);
      expect(await lastUsed()).toBeGreaterThan(stale);
    } finally {
      query.mockRestore();
    }
  });
});
