import { Client } from 'pg';
import { bearer, staff, submission } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

// No request waits on PostgreSQL for ever: a statement past DB_STATEMENT_TIMEOUT_MS (here a lock
// another session holds on the dossier's row) is cancelled, the request answers 503 with
// Retry-After and writes nothing, and the same action goes through once the lock is gone.
describe('the statement timeout (e2e)', () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof staff>>;

  beforeAll(async () => {
    t = await createTestApp({ DB_STATEMENT_TIMEOUT_MS: '300' });
    s = await staff(t.db);
  });
  afterAll(() => t.close());

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After while the row is locked past the timeout, then 200', async () => {
    const { id } = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission()).expect(201)).body;
    const act = () => t.http().post(`/api/v1/dossiers/${id}/actions`).set(bearer(s.byStep['insurance-confirmation'])).send({ action: 'confirm' });
    const holder = new Client({ connectionString: t.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM dossier WHERE id = $1 FOR UPDATE', [id]);
      const started = Date.now();
      const res = await act();
      expect([res.status, res.body.code]).toEqual([503, 'DATABASE_UNAVAILABLE']);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(10_000);
      await holder.query('ROLLBACK');
    } finally {
      await holder.end();
    }
    const [{ version }] = await t.db.query('SELECT version FROM dossier WHERE id = $1', [id]);
    expect(version).toBe(1);
    expect((await act()).status).toBe(200);
  });
});
