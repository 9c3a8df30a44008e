import { consoleSignIn } from '../support/console';
import { bearer, staff, submission } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(30_000);

const WRONG = { Authorization: `Bearer dvc_${'y'.repeat(43)}` };

describe('failed tokens (e2e)', () => {
  describe('from one address, no proxy trusted', () => {
    let t: TestApp;
    let portal: Record<string, string>;
    beforeAll(async () => {
      t = await createTestApp();
      portal = bearer((await staff(t.db)).integration);
    });
    afterAll(() => t.close());

    it("31 bad tokens answer 401 then 429, and the portal's valid token from the same address is still served", async () => {
      for (let i = 0; i < 30; i++) expectProblem(await t.http().get('/api/v1/dossiers').set(WRONG), 401, 'AUTH_TOKEN_INVALID');
      expectProblem(await t.http().get('/api/v1/dossiers').set(WRONG), 429, 'AUTH_TOO_MANY_FAILURES');
      await t.http().post('/api/v1/dossiers').set(portal).send(submission()).expect(201);
      await t.http().get('/api/v1/dossiers').set(portal).expect(200);
      // The failures stay counted: the next bad token is still refused with 429.
      expectProblem(await t.http().get('/api/v1/dossiers').set(WRONG), 429, 'AUTH_TOO_MANY_FAILURES');
    });

    it('ignores X-Forwarded-For: a client cannot escape its count by naming other addresses', async () => {
      const other = await createTestApp({ AUTH_FAILURES_PER_MINUTE: '3' });
      try {
        for (let i = 0; i < 3; i++) expectProblem(await other.http().get('/api/v1/dossiers').set(WRONG).set('X-Forwarded-For', `203.0.113.${i}`), 401);
        expectProblem(await other.http().get('/api/v1/dossiers').set(WRONG).set('X-Forwarded-For', '203.0.113.99'), 429, 'AUTH_TOO_MANY_FAILURES');
      } finally {
        await other.close();
      }
    });
  });

  describe('behind one proxy (TRUST_PROXY=1)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ TRUST_PROXY: '1', AUTH_FAILURES_PER_MINUTE: '3' });
    });
    afterAll(() => t.close());

    // The test plays the proxy: it appends the address it saw the client connect from, after
    // whatever X-Forwarded-For the client sent.
    const viaProxy = (clientSent: string, clientAddress: string) =>
      t.http().get('/api/v1/dossiers').set(WRONG).set('X-Forwarded-For', `${clientSent}, ${clientAddress}`);

    it('counts the address the proxy saw (the last entry), whatever the client wrote before it', async () => {
      for (let i = 0; i < 3; i++) expectProblem(await viaProxy(`198.51.100.${i}`, '192.0.2.7'), 401, 'AUTH_TOKEN_INVALID');
      // A fourth spoofed address does not help: 192.0.2.7 is the one counted.
      expectProblem(await viaProxy('198.51.100.200', '192.0.2.7'), 429, 'AUTH_TOO_MANY_FAILURES');
      // Spoofing the blocked address does not block another client either.
      expectProblem(await viaProxy('192.0.2.7', '192.0.2.8'), 401, 'AUTH_TOKEN_INVALID');
    });
  });
});

describe('request ids (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it.each(['abc-123', 'trace.7_x', 'a', 'x'.repeat(128), '0af7651916cd43dd8448eb211c80319c'])('echoes the client id %s', async (id) => {
    const res = await t.http().get('/health').set('X-Request-Id', id).expect(200);
    expect(res.headers['x-request-id']).toBe(id);
  });

  it.each([
    ['129 characters', 'x'.repeat(129)],
    ['a space', 'a b'],
    ['a slash', 'a/b'],
    ['a quote', 'a"b'],
    ['a percent sign', 'a%20b'],
    ['an empty value', ''],
  ])('replaces a client id with %s by a new UUID', async (_name, id) => {
    const res = await t.http().get('/health').set('X-Request-Id', id).expect(200);
    expect(res.headers['x-request-id']).toMatch(UUID);
  });

  it('generates one when none is sent, also on refusals', async () => {
    expect((await t.http().get('/health').expect(200)).headers['x-request-id']).toMatch(UUID);
    const refused = await t.http().get('/api/v1/nothing-here');
    expectProblem(refused, 404);
    expect(refused.headers['x-request-id']).toMatch(UUID);
    const unauthenticated = await t.http().get('/api/v1/dossiers').set('X-Request-Id', 'req-42');
    expectProblem(unauthenticated, 401);
    expect(unauthenticated.headers['x-request-id']).toBe('req-42');
  });

  it('answers a path whose percent-encoding does not decode as problem details, before any route', async () => {
    const res = await t.http().get('/api/v1/dossiers/%/history');
    expectProblem(res, 400, 'BAD_REQUEST');
    expect(res.body.message).toBe('the URL is not valid: a malformed percent-encoding');
  });
});

describe('security headers for the office LAN (e2e)', () => {
  const csp = async (env: Record<string, string>) => {
    const t = await createTestApp(env);
    try {
      const docs = await t.http().get('/docs').expect(200);
      expect(docs.headers['content-type']).toMatch(/^text\/html/);
      // The page's scripts and styles, from the service itself.
      for (const asset of ['swagger-ui-bundle.js', 'swagger-ui-init.js', 'swagger-ui.css']) {
        expect(docs.text).toContain(asset);
        await t.http().get(`/docs/${asset}`).expect(200);
      }
      return String(docs.headers['content-security-policy']);
    } finally {
      await t.close();
    }
  };
  const directives = (policy: string) => new Map(policy.split(';').map((d) => [d.trim().split(' ')[0], d.trim().split(' ').slice(1)]));

  it('serves /docs over plain http without upgrade-insecure-requests, its scripts and styles allowed', async () => {
    for (const env of [{}, { PUBLIC_URL: 'http://10.20.30.40:3000' }] as Record<string, string>[]) {
      const policy = directives(await csp(env));
      expect(policy.has('upgrade-insecure-requests')).toBe(false);
      expect(policy.get('script-src')).toEqual(["'self'"]);
      expect(policy.get('style-src')).toEqual(expect.arrayContaining(["'self'", "'unsafe-inline'"]));
      expect(policy.get('img-src')).toEqual(expect.arrayContaining(["'self'", 'data:']));
    }
  });

  it('asks browsers to upgrade to https when PUBLIC_URL is https', async () => {
    const policy = directives(await csp({ PUBLIC_URL: 'https://dvc.example.gov.vn' }));
    expect(policy.has('upgrade-insecure-requests')).toBe(true);
    expect(policy.get('script-src')).toEqual(["'self'"]);
  });
});

describe('security headers, exact and in order, on every kind of answer (e2e)', () => {
  // The values helmet's defaults (with setup-app's CSP) gave when helmet ran on every request:
  // the headers are now computed once at start, and must not change by a byte.
  const policy = (https: boolean) =>
    "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;" +
    "object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' https: 'unsafe-inline'" +
    (https ? ';upgrade-insecure-requests' : '');
  const expected = (https: boolean): [string, string][] => [
    ['Content-Security-Policy', policy(https)],
    ['Cross-Origin-Opener-Policy', 'same-origin'],
    ['Cross-Origin-Resource-Policy', 'same-origin'],
    ['Origin-Agent-Cluster', '?1'],
    ['Referrer-Policy', 'no-referrer'],
    ['Strict-Transport-Security', 'max-age=31536000; includeSubDomains'],
    ['X-Content-Type-Options', 'nosniff'],
    ['X-DNS-Prefetch-Control', 'off'],
    ['X-Download-Options', 'noopen'],
    ['X-Frame-Options', 'SAMEORIGIN'],
    ['X-Permitted-Cross-Domain-Policies', 'none'],
    ['X-XSS-Protection', '0'],
  ];
  const names = new Set(expected(false).map(([name]) => name.toLowerCase()).concat('x-powered-by', 'content-security-policy-report-only'));
  // The headers as they went over the wire: names as written, in order.
  const security = (res: object): [string, string][] => {
    const raw = (res as { res: { rawHeaders: string[] } }).res.rawHeaders;
    const pairs: [string, string][] = [];
    for (let i = 0; i < raw.length; i += 2) if (names.has(raw[i].toLowerCase())) pairs.push([raw[i], raw[i + 1]]);
    return pairs;
  };

  it.each([
    ['plain http', {}, false],
    ['https', { PUBLIC_URL: 'https://dvc.example.gov.vn' }, true],
  ] as [string, Record<string, string>, boolean][])('%s: API answers and refusals, console pages, /docs and unknown paths', async (_name, env, https) => {
    const t = await createTestApp(env);
    try {
      const s = await staff(t.db);
      const created = await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission()).expect(201);
      const signedIn = await consoleSignIn(t, s.byStep['insurance-confirmation'].token);
      const answers = {
        confirm: await t.http().post(`/api/v1/dossiers/${created.body.id}/actions`).set(bearer(s.byStep['insurance-confirmation'])).send({ action: 'confirm' }).expect(200),
        created,
        list: await t.http().get('/api/v1/dossiers').set(bearer(s.integration)).expect(200),
        refused: await t.http().get('/api/v1/dossiers').expect(401),
        invalid: await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send({}).expect(400),
        signIn: await t.http().get('/console/sign-in').expect(200),
        console: await t.http().get('/console/overview').set('Cookie', signedIn.cookie!).expect(200),
        consoleRedirect: await t.http().get('/console').expect(303),
        docs: await t.http().get('/docs').expect(200),
        docsAsset: await t.http().get('/docs/swagger-ui.css').expect(200),
        docsJson: await t.http().get('/docs-json').expect(200),
        health: await t.http().get('/health').expect(200),
        unknown: await t.http().get('/nowhere').expect(404),
      };
      for (const [name, res] of Object.entries(answers)) expect([name, security(res)]).toEqual([name, expected(https)]);
    } finally {
      await t.close();
    }
  });
});
