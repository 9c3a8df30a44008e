import { SchedulerRegistry } from '@nestjs/schedule';
import { adminQuery } from '../support/database';
import type { Response } from 'supertest';
import { eventually } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

describe('/health/live and /health/ready (e2e)', () => {
  let t: TestApp;
  let database: string;
  beforeAll(async () => {
    t = await createTestApp();
    database = new URL(t.databaseUrl).pathname.slice(1);
  });
  afterAll(() => t.close());

  /** The app's own sessions end, as they do when the server fails over: the pool opens new ones. */
  const dropSessions = () => adminQuery(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database}' AND pid <> pg_backend_pid()`);
  const ready = () => t.http().get('/health/ready').set('Accept-Language', 'en');
  /** A 503 is the one 5xx a health check may give: problem details saying when to ask again. */
  const expectNotReady = (res: Response) => {
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['retry-after']).toBe('2');
    expect(res.body).toMatchObject({ code: 'NOT_READY', status: 503, type: '/problems/NOT_READY' });
  };

  it('is not ready while a migration of this build is missing, and ready once it is applied', async () => {
    const [last]: { id: number; timestamp: string; name: string }[] = await t.db.query('SELECT id, timestamp, name FROM migrations ORDER BY timestamp DESC LIMIT 1');
    await t.db.query('DELETE FROM migrations WHERE id = $1', [last.id]);
    try {
      const res = await ready();
      expectNotReady(res);
      expect(res.body.checks.migrations).toEqual({ status: 'down', message: `1 migration(s) pending, from ${last.name}` });
      expect(res.body.checks.database.status).toBe('up');
    } finally {
      await t.db.query('INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)', [last.id, last.timestamp, last.name]);
    }
    const res = await ready().expect(200);
    expect(res.headers['cache-control']).toBe('no-cache, no-store, must-revalidate');
    expect(res.body).toMatchObject({
      status: 'ok',
      details: { database: { status: 'up' }, migrations: { status: 'up' }, scheduler: { status: 'up', jobs: expect.arrayContaining(['deadline-check']) } },
    });
  });

  it('is not ready while the deadline scheduler is stopped; live stays 200', async () => {
    const job = t.app.get(SchedulerRegistry).getCronJob('deadline-check');
    job.stop();
    try {
      const res = await ready();
      expectNotReady(res);
      expect(res.body.checks.scheduler).toEqual({ status: 'down', message: 'stopped: deadline-check' });
      expect(res.body.detail).toBe('scheduler: stopped: deadline-check');
      await t.http().get('/health/live').expect(200);
    } finally {
      job.start();
    }
    await ready().expect(200);
  });

  it('is not ready while the database only accepts reads (a standby), ready again after; live and /health stay as they are', async () => {
    await adminQuery(`ALTER DATABASE "${database}" SET default_transaction_read_only = on`);
    try {
      await dropSessions();
      const down = await eventually(() => ready(), (res) => res.status === 503);
      expectNotReady(down);
      expect(down.body.checks.database.status).toBe('down');
      expect(down.body.detail).toMatch(/^database: /);
      expect((await t.http().get('/health/live').expect(200)).body).toEqual({ status: 'ok', info: {}, error: {}, details: {} });
    } finally {
      await adminQuery(`ALTER DATABASE "${database}" RESET default_transaction_read_only`);
    }
    await dropSessions();
    expect((await eventually(() => ready(), (res) => res.status === 200)).body.status).toBe('ok');
  });
});
