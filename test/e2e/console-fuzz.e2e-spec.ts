import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import fc from 'fast-check';
import type { Response } from 'supertest';
import { AppLogger } from '../../src/common/app-logger';
import { ConsoleController } from '../../src/console/console.controller';
import { Metrics } from '../../src/metrics/metrics.service';
import { consoleSignIn } from '../support/console';
import { bearer, staff, submission } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

// Generated requests to every route of the console, anonymous and signed in: no answer is a 5xx
// and no error line is logged for a client's mistake. A fixed seed and a time bound keep it fit
// for CI; CONSOLE_FUZZ_RUNS and CONSOLE_FUZZ_SEED reproduce or widen a run.
const RUNS = Number(process.env.CONSOLE_FUZZ_RUNS ?? 1500);
const SEED = Number(process.env.CONSOLE_FUZZ_SEED ?? 24);
const TIME_LIMIT_MS = 120_000;
jest.setTimeout(TIME_LIMIT_MS + 60_000);

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD'] as const;
const HTTP_METHODS: Record<number, string> = { 0: 'GET', 1: 'POST', 2: 'PUT', 3: 'DELETE', 4: 'PATCH', 5: 'ALL', 6: 'OPTIONS', 7: 'HEAD' };

interface Route { method: string; pattern: string; params: string[] }
interface Request { method: string; url: string; cookie: string; body?: { type: string; text: string } }

/** The console's routes as its controller declares them to the router. */
function consoleRoutes(): Route[] {
  const base = String(Reflect.getMetadata(PATH_METADATA, ConsoleController));
  return Object.getOwnPropertyNames(ConsoleController.prototype).flatMap((name) => {
    const handler = (ConsoleController.prototype as unknown as Record<string, unknown>)[name];
    const method = typeof handler === 'function' ? (Reflect.getMetadata(METHOD_METADATA, handler) as number | undefined) : undefined;
    if (method === undefined) return [];
    const path = Reflect.getMetadata(PATH_METADATA, handler as object) as string;
    const pattern = `/${base}${path === '/' ? '' : `/${path}`}`;
    return [{ method: HTTP_METHODS[method], pattern, params: [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]) }];
  });
}

describe('fuzzing the console (e2e, property-based)', () => {
  let t: TestApp;
  const routes = consoleRoutes();
  const errors = jest.spyOn(AppLogger.prototype, 'error');
  const fatals = jest.spyOn(AppLogger.prototype, 'fatal');
  let sessions: { cookie: string; csrf: string }[];
  let signInForm: { cookie: string; csrf: string };
  let known: Record<string, string[]>;

  beforeAll(async () => {
    t = await createTestApp({ AUTH_FAILURES_PER_MINUTE: '1000000', PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000', PORTAL_DISPATCH_INTERVAL_MS: '0' });
    const s = await staff(t.db);
    const dossier = (await t.http().post('/api/v1/dossiers').set(bearer(s.integration)).send(submission()).expect(201)).body;
    const documents = (await t.http().get(`/api/v1/dossiers/${dossier.id}/documents`).set(bearer(s.admin)).expect(200)).body as { id: string }[] | { items: { id: string }[] };
    sessions = [];
    for (const token of [s.admin.token, s.byStep['insurance-confirmation'].token]) {
      const { cookie } = await consoleSignIn(t, token);
      const page = await t.http().get(`/console/dossiers/${dossier.id}`).set('Cookie', cookie!).expect(200);
      sessions.push({ cookie: cookie!, csrf: /name="csrf" value="([^"]+)"/.exec(page.text)![1] });
    }
    const form = await t.http().get('/console/sign-in').expect(200);
    signInForm = { cookie: String(form.headers['set-cookie']?.[0]).split(';')[0], csrf: /name="csrf" value="([^"]+)"/.exec(form.text)![1] };
    known = {
      id: [dossier.id],
      documentId: (Array.isArray(documents) ? documents : documents.items).map((d) => d.id).concat('form-01'),
      name: ['console.css', 'console.js'],
      token: [s.admin.token],
      code: ['unpaid-leave-support', 'wage-loan-support'],
      version: ['1', '2'],
    };
    errors.mockClear();
    fatals.mockClear();
  });
  afterAll(() => t?.close());

  // ---- generators -------------------------------------------------------------------------
  const pick = (name: string, n: number) => known[name]?.[n % known[name].length] ?? 'x';
  const adversarial = fc.constantFrom(
    '', ' ', '\u0000', '\u0007\u001b[2J', '\u200b\u200b', '\ud800', 'é', 'e\u0301', '👩‍👩‍👧‍👦', 'x'.repeat(5000), '<script>alert(1)</script>',
    '\r\nSet-Cookie: x=1', '/console/overview', '/console//evil.example', '//evil.example', '/console/\u00e9', '/console/\u007f', 'https://evil.example/',
    '2020-02-31', '0001-01-01', '9999-12-31', '-1', '1e999', 'NaN',
  );
  const text = fc.oneof(adversarial, fc.string({ unit: 'grapheme', maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 20 }));
  // Raw query or path text: percent-encoded, or as a client could send it without encoding.
  const rawText = fc.oneof(
    { weight: 4, arbitrary: text.map((v) => encodeURIComponent(v.replace(/[\ud800-\udfff]/g, ''))) },
    { weight: 1, arbitrary: fc.constantFrom('%', '%zz', '%00', '%7F', '%C3', '%E0%A4%A', '%2e%2e%2f', '..', '%0D%0A') },
  );
  const key = fc.oneof(
    fc.constantFrom('next', 'to', 'period', 'from', 'kind', 'unit', 'procedure', 'sort', 'desc', 'done', 'csrf', 'token', 'action', 'comment', 'reason', 'amount', 'expectedVersion'),
    fc.constantFrom(...PROTOTYPE_NAMES, 'prototype', 'a[b]', 'next[]', 'x'),
    fc.string({ maxLength: 8 }),
  );
  const queryValue = fc.oneof(fc.constantFrom('week', 'month', 'custom', 'en', 'vi', 'overdue', 'near-due', 'dueAt', '1', '0', '2020-05-01', '2020-05-31'), rawText);
  const pathSegment = (param: string) =>
    fc.oneof(
      { weight: 4, arbitrary: fc.nat().map((n) => encodeURIComponent(pick(param, n))) },
      { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES, '00000000-0000-0000-0000-000000000000') },
      { weight: 2, arbitrary: rawText.filter((v) => v.length > 0) },
    );
  const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
    text,
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.constantFrom([], ['a', 'b'], {}, { $gt: '' }, { toString: 'x' }, 1e308),
    fc.jsonValue({ maxDepth: 3 }),
  );
  const formField = fc.tuple(key, fc.oneof(fc.constantFrom('confirm', 'request-supplement', 'reject', 'disburse', '1', '/console/alerts'), text));
  const cookie = fc.oneof(
    { weight: 3, arbitrary: fc.nat().map((n) => `SESSION:${n}`) },
    { weight: 1, arbitrary: fc.constant('') },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'dvc_console=garbage', 'dvc_console=', 'dvc_console_lang=en', 'dvc_console_lang=toString', `dvc_console=${'x'.repeat(4000)}`, '=;;=', 'dvc_console=a=b=c',
        'SIGN_IN', '__proto__=x; constructor=y', 'dvc_console_sign_in=%00',
      ),
    },
  );
  const body = fc.oneof(
    { weight: 3, arbitrary: fc.tuple(fc.array(formField, { maxLength: 5 }), fc.boolean()).map(([fields, csrf]) => ({ type: 'form', fields, csrf })) },
    { weight: 3, arbitrary: fc.tuple(fc.array(fc.tuple(key, wrongValue), { maxLength: 5 }), fc.boolean()).map(([fields, csrf]) => ({ type: 'json', fields, csrf })) },
    { weight: 1, arbitrary: fc.oneof(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), fc.constantFrom('{', '[1,', '"\\ud800"', 'null', '{"__proto__":{"x":1}}')).map((raw) => ({ type: 'raw-json', raw })) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 100 }).map((raw) => ({ type: 'raw-form', raw })) },
    { weight: 1, arbitrary: fc.constant({ type: 'none' }) },
  );

  const request: fc.Arbitrary<Request> = fc.nat().chain((n) => {
    const route = routes[n % routes.length];
    return fc
      .record({
        method: fc.oneof({ weight: 9, arbitrary: fc.constant(route.method) }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
        segments: fc.tuple(...route.params.map(pathSegment)),
        query: fc.oneof({ weight: 1, arbitrary: fc.constant<[string, string][]>([]) }, { weight: 2, arbitrary: fc.array(fc.tuple(key, queryValue), { minLength: 1, maxLength: 4 }) }),
        cookie,
        body,
      })
      .map((r): Request => {
        const path = route.params.reduce((p, param, i) => p.replace(`:${param}`, r.segments[i]), route.pattern);
        const query = r.query.map(([k, v]) => `${encodeURIComponent(k)}=${v}`).join('&');
        const session = r.cookie.startsWith('SESSION:') ? sessions[Number(r.cookie.slice(8)) % sessions.length] : undefined;
        const cookieHeader = session ? session.cookie : r.cookie === 'SIGN_IN' ? signInForm.cookie : r.cookie;
        const csrf = session?.csrf ?? signInForm.csrf;
        let sent: Request['body'];
        const b = r.body as { type: string; fields?: [string, unknown][]; csrf?: boolean; raw?: string };
        if (b.type === 'form') {
          const fields = (b.csrf ? [['csrf', csrf] as [string, unknown], ...b.fields!] : b.fields!).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v).replace(/[\ud800-\udfff]/g, ''))}`);
          sent = { type: 'application/x-www-form-urlencoded', text: fields.join('&') };
        } else if (b.type === 'json') {
          const object: Record<string, unknown> = b.csrf ? { csrf } : {};
          for (const [k, v] of b.fields!) Object.defineProperty(object, k, { value: v, enumerable: true, writable: true, configurable: true });
          sent = { type: 'application/json', text: JSON.stringify(object) };
        } else if (b.type === 'raw-json') sent = { type: 'application/json', text: b.raw! };
        else if (b.type === 'raw-form') sent = { type: 'application/x-www-form-urlencoded', text: b.raw! };
        return { method: r.method, url: query ? `${path}?${query}` : path, cookie: cookieHeader, body: sent };
      });
  });

  const send = (r: Request): Promise<Response> => {
    let req = t.http()[r.method.toLowerCase() as 'get'](r.url).timeout({ response: 10_000, deadline: 20_000 });
    if (r.cookie) req = req.set('Cookie', r.cookie);
    return r.body && r.method !== 'GET' && r.method !== 'HEAD' ? req.set('Content-Type', r.body.type).send(r.body.text) : req;
  };

  it('takes the console\'s routes from its controller', () => {
    expect(routes.map((r) => `${r.method} ${r.pattern}`)).toEqual(expect.arrayContaining(['GET /console', 'POST /console/sign-in', 'POST /console/dossiers/:id/actions', 'GET /console/static/:name']));
  });

  it(`answers up to ${RUNS} generated requests without a 5xx or an error line, and reaches every route`, async () => {
    const statuses = new Map<number, number>();
    const result = await fc.check(
      fc.asyncProperty(request, async (r) => {
        // Per request, so that shrinking blames the request that logged.
        errors.mockClear();
        fatals.mockClear();
        const res = await send(r);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const seen = () => JSON.stringify({ request: { ...r, url: r.url.slice(0, 200) }, status: res.status, text: res.text?.slice(0, 300) });
        if (res.status >= 500) throw new Error(`a 5xx: ${seen()}`);
        if (errors.mock.calls.length || fatals.mock.calls.length) throw new Error(`an error line for ${seen()}: ${JSON.stringify([...errors.mock.calls, ...fatals.mock.calls]).slice(0, 1000)}`);
      }),
      { numRuns: RUNS, seed: SEED, interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false },
    );
    if (result.failed) throw new Error(fc.defaultReportMessage(result) ?? 'the property failed');
    // Every route was answered by its handler's pattern at least once, not only by the router's 404.
    const histogram = await t.app.get(Metrics).registry.getSingleMetric('dvc_http_request_duration_seconds')!.get();
    const hit = new Set(histogram.values.map((v) => `${v.labels.method} ${v.labels.route}`));
    expect(routes.map((r) => `${r.method} ${r.pattern}`).filter((r) => !hit.has(r))).toEqual([]);
    // Past the session and the CSRF check: pages and redirects, not only refusals.
    expect((statuses.get(200) ?? 0) + (statuses.get(303) ?? 0)).toBeGreaterThan(RUNS / 20);
    expect(statuses.get(400)).toBeGreaterThan(RUNS / 20);
  });
});
