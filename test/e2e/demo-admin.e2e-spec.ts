import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AdminSeeder } from '../../src/auth/admin-seeder';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

describe('the demo admin token of a start with nothing configured (e2e)', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    t = await createTestApp();
    dir = mkdtempSync(join(tmpdir(), 'dvc-admin-token-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it('survives a restart (kept in a file only its owner reads); a revoked or lost one is replaced, the old revoked, each change audited', async () => {
    const seeder = t.app.get(AdminSeeder);
    const file = join(dir, 'admin-token');
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    const first = await seeder.demoToken(file);
    expect(first.kept).toBe(false);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    await t.http().get('/api/v1/integration/outbox').set(auth(first.token)).expect(200);

    // The next start: the same token, nothing written.
    expect(await seeder.demoToken(file)).toEqual({ token: first.token, kept: true });

    // A file that no longer holds a working token: a new one, the old revoked.
    writeFileSync(file, 'not-a-token\n');
    const second = await seeder.demoToken(file);
    expect(second.kept).toBe(false);
    expectProblem(await t.http().get('/api/v1/integration/outbox').set(auth(first.token)), 401, 'AUTH_TOKEN_REVOKED');
    await t.http().get('/api/v1/integration/outbox').set(auth(second.token)).expect(200);

    const audit: { actor: string; action: string }[] = await t.db.query('SELECT actor, action FROM audit_event ORDER BY id');
    expect(audit).toEqual([
      { actor: 'system:start', action: 'token.issue' },
      { actor: 'system:start', action: 'token.revoke' },
      { actor: 'system:start', action: 'token.issue' },
    ]);
  });
});
