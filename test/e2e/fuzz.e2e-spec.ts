import fc from 'fast-check';
import type { Response } from 'supertest';
import { bearer, staff, submission } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(180_000);

// Thousands of generated requests to every endpoint the OpenAPI document lists, so a new
// endpoint is fuzzed without touching this file. FUZZ_RUNS and FUZZ_SEED reproduce a run.
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

type Schema = { $ref?: string; type?: string; enum?: unknown[]; example?: unknown; properties?: Record<string, Schema>; items?: Schema; required?: string[] };
interface Param { in: 'path' | 'query' | 'header'; name: string; schema?: Schema }
interface Endpoint { method: (typeof METHODS)[number]; path: string; params: Param[]; body?: Schema }
interface Request {
  method: (typeof METHODS)[number];
  url: string;
  headers: Record<string, string | string[]>;
  body?: string;
}

describe('fuzzing every endpoint (e2e, property-based)', () => {
  let t: TestApp;
  let endpoints: Endpoint[];
  let schemas: Record<string, Schema>;
  let tokens: Record<string, string>[];
  let known: Record<string, string[]>;
  let fingerprintSql: string;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_FAILURES_PER_MINUTE: '1000000', PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000', PORTAL_DISPATCH_INTERVAL_MS: '0' });
    const doc = (await t.http().get('/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Param[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
      components: { schemas: Record<string, Schema> };
    };
    schemas = doc.components.schemas;
    endpoints = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method as Endpoint['method'],
        path,
        params: op.parameters ?? [],
        body: op.requestBody?.content['application/json']?.schema,
      })),
    );

    const s = await staff(t.db);
    tokens = [bearer(s.integration), bearer(s.admin), ...Object.values(s.byStep).map(bearer)];
    const body = submission();
    const dossier = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(body).expect(201)).body;
    const feedback = schemas.SubmitFeedbackDto ? await t.http().post('/api/v1/public/feedback').send(example(schemas.SubmitFeedbackDto) as object) : undefined;
    const outbox: { id: string }[] = await t.db.query('SELECT id FROM outbox_message LIMIT 1');
    // Real values let some requests past the lookups into the layers behind them.
    known = {
      id: [dossier.id, feedback?.body?.id, outbox[0]?.id].filter(Boolean),
      portalCode: [body.portalCode],
      taxCode: [body.applicant.taxCode],
      trackingCode: [feedback?.body?.trackingCode].filter(Boolean),
    };

    const tables: { name: string }[] = await t.db.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    // Every row of every table, but when a token was last used: a refused request may still authenticate.
    const row = `(to_jsonb(x) - 'last_used_at')::text`;
    fingerprintSql = tables
      .map(({ name }) => `SELECT '${name}' AS t, count(*)::int AS n, md5(coalesce(string_agg(${row}, '|' ORDER BY ${row}), '')) AS h FROM "${name}" x`)
      .join(' UNION ALL ');
  });
  afterAll(() => t?.close());

  const resolveRef = (s: Schema): Schema => (s.$ref ? schemas[s.$ref.split('/').pop()!] : s);

  /** A plausible body from the schema's examples, enums and types. */
  function example(schema: Schema): unknown {
    const s = resolveRef(schema);
    if (s.example !== undefined) return s.example;
    if (s.enum) return s.enum[0];
    switch (s.type) {
      case 'object':
        return Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, example(v)]));
      case 'array':
        return s.items ? [example(s.items)] : [];
      case 'number':
      case 'integer':
        return 1;
      case 'boolean':
        return true;
      default:
        return 'x';
    }
  }

  const fingerprint = async () => JSON.stringify(await t.db.query(fingerprintSql));

  // ---- generators -------------------------------------------------------------------------
  const nested = (depth: number, leaf = '1') => '['.repeat(depth) + leaf + ']'.repeat(depth);
  const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  // Text that PostgreSQL, a log line or a browser may choke on.
  const adversarialText = fc.constantFrom(
    'x'.repeat(100_000), '\u0000', 'a\u0000b', '\ud800', 'x\udc00', '👩‍👩‍👧‍👦'.repeat(1000), '\u202e\u200b\ufeff', '<script>alert(1)</script>',
    "' OR 1=1 --", '%00', '../../etc/passwd', '\r\nSet-Cookie: x=1', '',
  );
  const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.constantFrom(1e308, -1e308, 2 ** 53 + 1, -0, 0.1),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    adversarialText,
    fc.constantFrom([], {}, [null], { $gt: '' }, { length: 1e9 }),
    fc.jsonValue({ maxDepth: 4 }),
  );
  const pathSegment: fc.Arbitrary<string> = fc.oneof(
    fc.constant('KNOWN'),
    fc.uuid().map(encodeURIComponent),
    fc.string({ unit: 'grapheme', maxLength: 30 }).filter((v) => v.length > 0).map(encodeURIComponent),
    fc.constantFrom('%', '%zz', '%00', '%2e%2e%2f', '..', '%E0%A4%A', 'x'.repeat(5000), '00000000-0000-0000-0000-000000000000', '-1', '1e999'),
  );
  const queryValue = fc.oneof(
    fc.constant('KNOWN'),
    fc.string({ unit: 'grapheme', maxLength: 30 }),
    fc.constantFrom('', '0', '-1', '1.5', '1e999', 'NaN', 'true', 'null', 'x'.repeat(10_000), '2020-02-31', '2020-05-12T09:30:00+07:00', '\u0000', 'a\u0000b'),
  );
  // Mostly right, so that most requests carry one fault and reach the layers behind the edge.
  const authHeader = fc.oneof(
    { weight: 12, arbitrary: fc.constant('TOKEN') },
    { weight: 1, arbitrary: fc.constant('NONE') },
    { weight: 1, arbitrary: fc.constant('DUPLICATE') },
    { weight: 1, arbitrary: fc.constantFrom('Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', 'Bearer ' + 'a'.repeat(10_000), 'Bearer ' + '.'.repeat(40), 'bearer aaaaaaaaaaaaaaaaaaaaaaaa') },
    { weight: 1, arbitrary: fc.string({ minLength: 16, maxLength: 60 }).map((v) => `Bearer ${v}`) },
  );
  const contentType = fc.oneof(
    { weight: 8, arbitrary: fc.constant('application/json') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        'application/json; charset=utf-8',
        'application/json; charset=utf-16',
        'application/json; charset=latin1',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'a/b/c;;=',
        'NONE',
      ),
    },
  );
  const sometimes = <T>(arbitrary: fc.Arbitrary<T[]>) => fc.oneof({ weight: 3, arbitrary: fc.constant<T[]>([]) }, { weight: 1, arbitrary });

  /** A body: random JSON, a valid body with one field mutated, raw text, huge or deeply nested input. */
  const bodies = new Map<Schema | undefined, fc.Arbitrary<string | undefined>>();
  const bodyFor = (schema: Schema | undefined) => bodies.get(schema) ?? bodies.set(schema, bodyArbitrary(schema)).get(schema)!;
  const bodyArbitrary = (schema: Schema | undefined): fc.Arbitrary<string | undefined> => {
    const valid = () => (resolveRef(schema ?? {}) === schemas.SubmitDossierDto ? submission() : example(schema ?? { type: 'object' }));
    return fc.oneof(
      { weight: 4, arbitrary: fc.tuple(fc.nat(), fc.boolean(), wrongValue).map(([pick, drop, value]) => JSON.stringify(mutate(valid(), pick, drop, value))) },
      { weight: 3, arbitrary: fc.tuple(fc.nat(), adversarialText).map(([pick, text]) => JSON.stringify(mutate(valid(), pick, false, text, true))) },
      { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constant(JSON.stringify(valid())) },
      {
        weight: 1,
        arbitrary: fc.oneof(
          fc.string({ unit: 'binary', maxLength: 200 }),
          fc.constantFrom('{', '{"a":', '[1,2', 'nul', '"\\ud800"', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}', '{"a":1,"a":2}', '\ufeff{}'),
          fc.integer({ min: 100, max: 20_000 }).map((d) => nested(d)),
          fc.integer({ min: 100, max: 20_000 }).map(deepObject),
          fc.constant(0).map(() => JSON.stringify({ ...(valid() as object), padding: 'x'.repeat(6 * 1024 * 1024) })),
        ),
      },
    );
  };

  /** Replaces (or drops) one field of a nested value, picked among all its fields or only its texts. */
  function mutate(value: unknown, pick: number, drop: boolean, replacement: unknown, textsOnly = false): unknown {
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, at: (string | number)[]) => {
      if (at.length && (!textsOnly || typeof v === 'string')) paths.push(at);
      if (v && typeof v === 'object') for (const [k, c] of Object.entries(v)) walk(c, [...at, Array.isArray(v) ? Number(k) : k]);
    };
    walk(value, []);
    if (!paths.length) return replacement;
    const path = paths[pick % paths.length];
    const copy = structuredClone(value) as Record<string | number, unknown>;
    let parent = copy;
    for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
    if (drop && !Array.isArray(parent)) delete parent[path.at(-1)!];
    else parent[path.at(-1)!] = replacement;
    return copy;
  }

  const request: fc.Arbitrary<Request> = fc
    .integer({ min: 0, max: 1_000_000 })
    .chain((n) => {
      const e = endpoints[n % endpoints.length];
      const pathParams = e.params.filter((p) => p.in === 'path');
      const queryParams = e.params.filter((p) => p.in === 'query');
      return fc.record({
        method: fc.oneof({ weight: 9, arbitrary: fc.constant(e.method) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
        path: fc.tuple(...pathParams.map(() => pathSegment)).map((segments) =>
          pathParams.reduce((p, param, i) => p.replace(`{${param.name}}`, segments[i] === 'KNOWN' ? encodeURIComponent(pick(param.name, i)) : segments[i]), e.path),
        ),
        query: sometimes(fc.array(
          fc.tuple(
            fc.oneof(fc.constantFrom(...queryParams.map((q) => q.name), 'unknown', 'a[b][c]', '__proto__[x]', 'page[]'), fc.string({ maxLength: 10 })),
            queryValue,
          ),
          { minLength: 1, maxLength: 4 },
        )),
        auth: authHeader,
        tokenIndex: fc.nat(),
        contentType,
        extraHeaders: sometimes(fc.array(
          fc.constantFrom<[string, string]>(
            ['Idempotency-Key', 'a b'],
            ['Idempotency-Key', 'x'.repeat(300)],
            ['Idempotency-Key', 'fuzz-key'],
            ['Accept', 'text/csv'],
            ['Accept', 'application/xml'],
            ['Content-Encoding', 'gzip'],
            ['Content-Encoding', 'br, identity'],
            ['X-Request-Id', 'x'.repeat(2000)],
            ['X-Forwarded-For', '1.1.1.1, not-an-ip'],
          ),
          { minLength: 1, maxLength: 2 },
        )),
        body: bodyFor(e.body),
      });
    })
    .map((r) => {
      const headers: Record<string, string | string[]> = {};
      for (const [k, v] of r.extraHeaders) headers[k] = v;
      const token = tokens[r.tokenIndex % tokens.length].Authorization;
      if (r.auth === 'TOKEN') headers.Authorization = token;
      else if (r.auth === 'DUPLICATE') headers.Authorization = [token, 'Bearer garbage-garbage-garbage'];
      else if (r.auth !== 'NONE') headers.Authorization = r.auth;
      if (r.contentType !== 'NONE') headers['Content-Type'] = r.contentType;
      const query = r.query.map(([k, v]) => `${encodeURIComponent(k)}=${v === 'KNOWN' ? encodeURIComponent(pick(k, 0)) : encodeURIComponent(v)}`).join('&');
      return { method: r.method, url: query ? `${r.path}?${query}` : r.path, headers, body: r.body };
    });

  const pick = (name: string, i: number) => known[name]?.[i % known[name].length] ?? 'unknown';

  const send = (r: Request): Promise<Response> => {
    let req = t.http()[r.method](r.url).timeout({ response: 10_000, deadline: 20_000 });
    for (const [k, v] of Object.entries(r.headers)) req = req.set(k, v as string);
    // Raw text, so malformed JSON and wrong content types reach the server as generated.
    return r.body === undefined ? req : req.send(r.body);
  };

  it(`lists the endpoints to fuzz from the OpenAPI document`, () => {
    expect(endpoints.length).toBeGreaterThanOrEqual(10);
    expect(endpoints.map((e) => `${e.method} ${e.path}`)).toEqual(expect.arrayContaining(['post /api/v1/dossiers', 'post /api/v1/dossiers/{id}/actions']));
  });

  it(`answers ${RUNS} generated requests without a 5xx or a hang; refused ones change nothing`, async () => {
    let baseline = await fingerprint();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const res = await send(r);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const type = String(res.headers['content-type'] ?? '');
        const seen = () => JSON.stringify({ status: res.status, type, text: res.text?.slice(0, 300) });
        if (res.status >= 500) throw new Error(`a 5xx: ${seen()}`);
        if (res.status >= 400 && !(/^application\/problem\+json/.test(type) && typeof res.body.code === 'string')) throw new Error(`a refusal without a problem code: ${seen()}`);
        if (res.status < 400 && res.status !== 204 && !/^(application\/json|text\/html|text\/csv)/.test(type)) throw new Error(`an unexpected content type: ${seen()}`);
        const now = await fingerprint();
        if (res.status >= 400 && now !== baseline) throw new Error(`a refused request changed the database: ${seen()}\n${baseline}\n${now}`);
        baseline = now;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The fuzzing reached past authentication and validation, not only the front door.
    expect([...statuses.keys()].filter((s) => s < 300).length).toBeGreaterThan(0);
    expect(statuses.get(400)).toBeGreaterThan(RUNS / 10);
  });
});
