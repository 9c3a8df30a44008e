import { AdminSeeder } from '../../src/auth/admin-seeder';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

describe('the demo admin token of a start with nothing configured (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t?.close());

  it('works, is replaced at the next start (the old one revoked), and both changes are audited', async () => {
    const seeder = t.app.get(AdminSeeder);
    const first = await seeder.demoToken();
    const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
    await t.http().get('/api/v1/integration/outbox').set(auth(first)).expect(200);

    const second = await seeder.demoToken();
    expectProblem(await t.http().get('/api/v1/integration/outbox').set(auth(first)), 401, 'AUTH_TOKEN_REVOKED');
    await t.http().get('/api/v1/integration/outbox').set(auth(second)).expect(200);

    const audit: { actor: string; action: string }[] = await t.db.query('SELECT actor, action FROM audit_event ORDER BY id');
    expect(audit).toEqual([
      { actor: 'system:start', action: 'token.issue' },
      { actor: 'system:start', action: 'token.revoke' },
      { actor: 'system:start', action: 'token.issue' },
    ]);
  });
});
