import { join } from 'node:path';
import { PrincipalsService } from '../../src/auth/principals.service';
import { bearer } from '../support/factories';
import { cliOn } from '../support/cli';
import { expectProblem, refusedSoon } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

const EXAMPLES = join(__dirname, '..', '..', 'examples');
const DAY = 86_400_000;

/** Tokens expire, rotate and are listed; a 401 tells a former holder why, and an unknown token nothing. */
describe('tokens (e2e)', () => {
  let t: TestApp;
  let cli: ReturnType<typeof cliOn>;

  beforeAll(async () => {
    // Every request looks its token up here (no principal cache), so the lookup itself is what is
    // tested; the cache in front of it has its own tests (principal-cache.e2e-spec.ts).
    t = await createTestApp({ PRINCIPAL_CACHE_TTL_MS: '0' });
    cli = cliOn(t.databaseUrl);
    expect((await cli('units', 'import', join(EXAMPLES, 'units.csv'))).code).toBe(0);
    expect((await cli('officials', 'import', join(EXAMPLES, 'officials.csv'))).code).toBe(0);
  });
  afterAll(() => t.close());

  const json = (out: string) => {
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(1);
    return JSON.parse(lines[0]);
  };
  const issue = async (...argv: string[]) => {
    const res = await cli(...argv, '--json');
    expect(res).toMatchObject({ code: 0, err: '' });
    return json(res.out) as { principalId: string; token: string; expiresAt: string | null; revoked?: string[] };
  };
  const dossiers = (token: { token: string }) => t.http().get('/api/v1/dossiers').set(bearer(token));
  const dbNow = async (): Promise<number> => (await t.db.query('SELECT now() AS now'))[0].now.getTime();
  const daysFromNow = async (iso: string | null) => (new Date(iso!).getTime() - (await dbNow())) / DAY;

  describe('expiry', () => {
    it('defaults to 90 days for officials and admins and to never for an integration; --expires-in sets it', async () => {
      const official = await issue('tokens', 'issue', '--official', '051083004512');
      expect(await daysFromNow(official.expiresAt)).toBeCloseTo(90, 1);
      const admin = await issue('admin', 'create', '--name', 'VP UBND tỉnh');
      expect(await daysFromNow(admin.expiresAt)).toBeCloseTo(90, 1);
      expect((await issue('tokens', 'issue', '--integration', 'dvc-quoc-gia')).expiresAt).toBeNull();
      const integration = await issue('tokens', 'issue', '--integration', 'dvc-quoc-gia', '--expires-in', '366');
      expect(await daysFromNow(integration.expiresAt)).toBeCloseTo(366, 1);
      const shortAdmin = await issue('admin', 'create', '--name', 'Trực ban', '--expires-in', '7');
      expect(await daysFromNow(shortAdmin.expiresAt)).toBeCloseTo(7, 1);
      const stored = await t.db.query('SELECT expires_at FROM principal WHERE id = $1', [shortAdmin.principalId]);
      expect(stored[0].expires_at.toISOString()).toBe(shortAdmin.expiresAt);
      const readable = await cli('tokens', 'issue', '--official', '051083004512', '--expires-in', '30');
      expect(readable.out).toMatch(/^principal [0-9a-f-]{36}\nexpires: \d{4}-\d\d-\d\dT[\d:.]+Z\ntoken \(shown once\): dvc_\S+\n$/);
    });

    it.each(['0', '-1', '367', '1.5', 'ninety', ''])('refuses --expires-in %j with a clear message, writing nothing', async (days) => {
      const before = (await t.db.query('SELECT count(*)::int AS n FROM principal'))[0].n;
      for (const argv of [['tokens', 'issue', '--official', '051083004512'], ['tokens', 'issue', '--integration', 'x'], ['admin', 'create', '--name', 'x']]) {
        const res = await cli(...argv, '--expires-in', days);
        expect(res.code).toBe(1);
        expect(res.err).toBe(`error: --expires-in must be a whole number of days from 1 to 366, got "${days}" [TOKEN_EXPIRY_INVALID]\n`);
      }
      expect((await t.db.query('SELECT count(*)::int AS n FROM principal'))[0].n).toBe(before);
    });

    it('an expired token is answered 401 AUTH_TOKEN_EXPIRED; an unknown one gets the generic 401 that tells nothing', async () => {
      const token = await issue('tokens', 'issue', '--official', '051188002317', '--expires-in', '1');
      await dossiers(token).expect(200);
      await t.db.query(`UPDATE principal SET expires_at = now() - interval '1 second' WHERE id = $1`, [token.principalId]);
      const expired = await dossiers(token);
      expectProblem(expired, 401, 'AUTH_TOKEN_EXPIRED');
      expect(expired.body.detail).toMatch(/expired/);

      const unknown = await dossiers({ token: `dvc_${'x'.repeat(43)}` });
      expectProblem(unknown, 401, 'AUTH_TOKEN_INVALID');
      expect(unknown.body.detail).toBe('the token is not valid');
      expect(JSON.stringify(unknown.body)).not.toMatch(/revoked|expired|inactive|deactivated/i);
    });
  });

  describe('rotation', () => {
    it("--rotate revokes the official's earlier tokens in the same transaction as the new one", async () => {
      const first = await issue('tokens', 'issue', '--official', '051079002266');
      const second = await issue('tokens', 'issue', '--official', '051079002266');
      await dossiers(first).expect(200);
      await dossiers(second).expect(200);
      const other = await issue('tokens', 'issue', '--official', '092191003472');

      const rotated = await issue('tokens', 'issue', '--official', '051079002266', '--rotate');
      expect(rotated.revoked?.sort()).toEqual([first.principalId, second.principalId].sort());
      expectProblem(await refusedSoon(() => dossiers(first)), 401, 'AUTH_TOKEN_REVOKED');
      expectProblem(await refusedSoon(() => dossiers(second)), 401, 'AUTH_TOKEN_REVOKED');
      await dossiers(rotated).expect(200);
      await dossiers(other).expect(200);
      const audits: { action: string; subject: { principalId: string; reason?: string } }[] = await t.db.query(
        `SELECT action, subject FROM audit_event WHERE action = 'token.revoke' AND subject->>'reason' = 'rotate' ORDER BY id`,
      );
      expect(audits.map((a) => a.subject.principalId).sort()).toEqual([first.principalId, second.principalId].sort());

      const again = await cli('tokens', 'issue', '--official', '051079002266', '--rotate');
      expect(again.out).toMatch(new RegExp(`revoked earlier token\\(s\\): ${rotated.principalId}\\n`));
    });

    it('--rotate with --integration revokes the earlier tokens of the integration of that name only', async () => {
      const portal = await issue('tokens', 'issue', '--integration', 'cổng-xoay');
      const other = await issue('tokens', 'issue', '--integration', 'cổng-khác');
      const next = await issue('tokens', 'issue', '--integration', 'cổng-xoay', '--rotate', '--expires-in', '180');
      expect(next.revoked).toEqual([portal.principalId]);
      expectProblem(await refusedSoon(() => dossiers(portal)), 401, 'AUTH_TOKEN_REVOKED');
      await dossiers(next).expect(200);
      await dossiers(other).expect(200);
    });

    it('a deactivated official is answered 401 AUTH_OFFICIAL_INACTIVE', async () => {
      const token = await issue('tokens', 'issue', '--official', '092084001598');
      expect((await cli('officials', 'deactivate', '--official', '092084001598')).code).toBe(0);
      expectProblem(await refusedSoon(() => dossiers(token)), 401, 'AUTH_OFFICIAL_INACTIVE');
      expect((await cli('officials', 'activate', '--official', '092084001598')).code).toBe(0);
      await dossiers(token).expect(200);
    });
  });

  describe('tokens list', () => {
    it('shows holder, kind, creation, last use, expiry and revocation, never a token or its hash', async () => {
      const official = await issue('tokens', 'issue', '--official', '092086002743', '--expires-in', '10');
      const revoked = await issue('tokens', 'issue', '--integration', 'cổng thử');
      expect((await cli('tokens', 'revoke', '--principal', revoked.principalId)).code).toBe(0);
      await dossiers(official).expect(200);

      const res = await cli('tokens', 'list', '--json');
      expect(res.code).toBe(0);
      const { tokens } = json(res.out);
      const row = tokens.find((x: { principalId: string }) => x.principalId === official.principalId);
      expect(row).toEqual({
        principalId: official.principalId, kind: 'official', holder: 'Trương Quốc Bảo', official: '092086002743',
        createdAt: expect.any(String), lastUsedAt: expect.any(String), expiresAt: official.expiresAt, revokedAt: null,
      });
      expect(tokens.find((x: { principalId: string }) => x.principalId === revoked.principalId)).toMatchObject({
        kind: 'integration', holder: 'cổng thử', official: null, lastUsedAt: null, expiresAt: null, revokedAt: expect.any(String),
      });
      const hashes: { token_hash: string }[] = await t.db.query('SELECT token_hash FROM principal');
      for (const secret of [official.token, revoked.token, ...hashes.map((h) => h.token_hash)]) {
        expect(res.out).not.toContain(secret);
      }

      const active = json((await cli('tokens', 'list', '--active', '--json')).out).tokens.map((x: { principalId: string }) => x.principalId);
      expect(active).toContain(official.principalId);
      expect(active).not.toContain(revoked.principalId);
      const readable = await cli('tokens', 'list');
      expect(readable.out).toContain(`${official.principalId}  official     Trương Quốc Bảo (092086002743)  created `);
      expect(readable.out).toMatch(new RegExp(`${revoked.principalId}  integration  cổng thử  created \\S+  last used never  revoked \\S+`));
    });

    it('last use is written at most once a minute, within the one query the guard makes per request', async () => {
      const token = await issue('tokens', 'issue', '--official', '092189006619');
      const lastUsed = async (): Promise<Date | null> => (await t.db.query('SELECT last_used_at FROM principal WHERE id = $1', [token.principalId]))[0].last_used_at;
      const principals = t.app.get(PrincipalsService);
      const query = jest.spyOn(t.db, 'query');
      try {
        expect(await principals.authenticate(token.token)).toMatchObject({ principal: { id: token.principalId } });
        expect(query).toHaveBeenCalledTimes(1);
        const first = await lastUsed();
        expect(first).not.toBeNull();
        query.mockClear();
        await principals.authenticate(token.token);
        expect(query).toHaveBeenCalledTimes(1);
        expect(await lastUsed()).toEqual(first);

        await t.db.query(`UPDATE principal SET last_used_at = now() - interval '61 seconds' WHERE id = $1`, [token.principalId]);
        const stale = await lastUsed();
        query.mockClear();
        await principals.authenticate(token.token);
        expect(query).toHaveBeenCalledTimes(1);
        expect((await lastUsed())!.getTime()).toBeGreaterThan(stale!.getTime());

        // A refused token is not marked as used.
        await t.db.query(`UPDATE principal SET revoked_at = now(), last_used_at = now() - interval '2 minutes' WHERE id = $1`, [token.principalId]);
        const before = await lastUsed();
        expect(await principals.authenticate(token.token)).toEqual({ refused: 'revoked' });
        expect(await lastUsed()).toEqual(before);
      } finally {
        query.mockRestore();
      }
    });
  });
});
