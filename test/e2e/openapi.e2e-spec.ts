import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, type TestApp } from '../support/test-app';

/** The committed document: clients are generated from it (examples/), Redocly lints it (npm run lint). */
const COMMITTED = join(__dirname, '../../docs/openapi.json');
/** The sample portal client's types, generated from it by openapi-typescript. */
const CLIENT_TYPES = join(__dirname, '../../examples/portal-client/openapi.d.ts');

interface Operation {
  operationId?: string;
  description?: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string; required?: boolean }[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  security?: Record<string, string[]>[];
  components: {
    schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }>;
    securitySchemes: Record<string, { type: string; scheme?: string; bearerFormat?: string; description?: string }>;
  };
}

describe('OpenAPI document (e2e)', () => {
  let t: TestApp;
  let doc: Document;

  beforeAll(async () => {
    t = await createTestApp();
    doc = (await t.http().get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  const statuses = (path: string, method: string) => Object.keys(doc.paths[path][method].responses).map(Number).sort((a, b) => a - b);
  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })));

  it('is docs/openapi.json as committed (UPDATE_DOCS=1, or npm run docs:openapi, rewrites it)', () => {
    const served = `${JSON.stringify(doc, null, 2)}\n`;
    if (process.env.UPDATE_DOCS) writeFileSync(COMMITTED, served);
    expect(readFileSync(COMMITTED, 'utf8')).toBe(served);
  });

  it('is what the sample client\'s committed types were generated from (UPDATE_DOCS=1 regenerates them)', () => {
    const cli = join(__dirname, '../../node_modules/openapi-typescript/bin/cli.js');
    const generated = execFileSync(process.execPath, [cli, COMMITTED], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    if (process.env.UPDATE_DOCS) writeFileSync(CLIENT_TYPES, generated);
    expect(readFileSync(CLIENT_TYPES, 'utf8')).toBe(generated);
  });

  it('is OpenAPI 3.1, whose schemas say null as JSON Schema does: no OpenAPI 3.0 `nullable` anywhere', () => {
    expect((doc as { openapi?: string }).openapi).toBe('3.1.0');
    const leftovers: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'nullable') leftovers.push(at);
        if (key !== 'example') walk(value, `${at}/${key}`);
      }
    };
    walk(doc, '#');
    expect(leftovers).toEqual([]);
    // The fields the service sends as null on every dossier, in lists too.
    const dossier = doc.components.schemas.DossierDto.properties as Record<string, unknown>;
    for (const field of ['currentStep', 'insuranceSignature']) {
      expect(dossier[field]).toMatchObject({ anyOf: [{ $ref: expect.any(String) }, { type: 'null' }] });
    }
  });

  it('names every operation with a unique, readable operationId', () => {
    const ids = operations().map(({ name, op }) => ({ name, id: op.operationId }));
    for (const { name, id } of ids) expect({ name, id: /^[a-z][A-Za-z]+$/.test(id ?? '') }).toEqual({ name, id: true });
    expect(new Set(ids.map((i) => i.id)).size).toBe(ids.length);
    expect(doc.paths['/api/v1/dossiers'].post.operationId).toBe('submitDossier');
    expect(doc.paths['/api/v1/dossiers/{id}/actions'].post.operationId).toBe('actOnDossier');
  });

  it('types every success answer that has a body', () => {
    for (const { name, op } of operations()) {
      for (const [status, answer] of Object.entries(op.responses).filter(([c]) => c.startsWith('2'))) {
        const schemas = Object.values(answer.content ?? {}).map((c) => c.schema);
        expect({ name, status, typed: schemas.length > 0 && schemas.every(Boolean) }).toEqual({ name, status, typed: true });
      }
    }
  });

  it('describes the bearer token as opaque, required everywhere but on the public routes, which say security: []', () => {
    const bearer = doc.components.securitySchemes.bearer;
    expect(bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque' });
    expect(bearer.description).toMatch(/dvc_/);
    expect(bearer.bearerFormat).not.toMatch(/JWT/i);
    expect(doc.security).toEqual([{ bearer: [] }]);
    for (const { name, op } of operations()) {
      const open = '401' in op.responses === false;
      expect({ name, security: op.security }).toEqual({ name, security: open ? [] : [{ bearer: [] }] });
    }
  });

  it('explains in POST /dossiers when it answers 201 and when 200', () => {
    const submit = doc.paths['/api/v1/dossiers'].post;
    expect(submit.description).toMatch(/201 Created/);
    expect(submit.description).toMatch(/200 OK: an idempotent replay/);
  });

  it('lists exactly one Idempotency-Key header on the actions endpoint, and it is optional', () => {
    const params = doc.paths['/api/v1/dossiers/{id}/actions'].post.parameters ?? [];
    const keys = params.filter((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
    expect(keys).toHaveLength(1);
    expect(keys[0].required ?? false).toBe(false);
  });

  it('lists the answers of POST /dossiers: 201, 200 for an idempotent repeat, and its refusals', () => {
    expect(statuses('/api/v1/dossiers', 'post')).toEqual([200, 201, 400, 401, 403, 409, 422, 429]);
  });

  it('lists the answers of POST /dossiers/{id}/actions', () => {
    expect(statuses('/api/v1/dossiers/{id}/actions', 'post')).toEqual([200, 400, 401, 403, 404, 409, 422, 429]);
  });

  it('gives every operation a success and its refusals, each with the problem details body', () => {
    const problem = doc.components.schemas.ProblemDto;
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'statusCode', 'code', 'message']));
    for (const { name, op } of operations()) {
      const codes = Object.keys(op.responses).map(Number);
      expect({ name, success: codes.some((c) => c >= 200 && c < 300) }).toEqual({ name, success: true });
      const refusals = codes.filter((c) => c >= 400 && c < 500);
      // Only the health check and the procedure catalogue take no input and no token: nothing to refuse.
      const refusesNothing = name.includes('health') || name === 'GET /api/v1/procedures';
      expect({ name, refusals: refusals.length > 0 }).toEqual({ name, refusals: !refusesNothing });
      for (const c of refusals) {
        expect({ name, c, schema: op.responses[c].content?.['application/problem+json']?.schema }).toEqual({ name, c, schema: { $ref: '#/components/schemas/ProblemDto' } });
        expect(Object.keys(op.responses[c].content ?? {})).toEqual(['application/problem+json']);
      }
    }
  });

  it('answers the health check at /health and at /api/v1/health, and lists both', async () => {
    const bare = await t.http().get('/health').expect(200);
    const prefixed = await t.http().get('/api/v1/health').expect(200);
    for (const res of [bare, prefixed]) expect(res.body).toMatchObject({ status: 'ok', info: { database: { status: 'up' } } });
    expect((await t.http().get('/api/v1/api/v1/health')).status).toBe(404);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/api/v1/health']));
  });

  it('documents 401 on every route that needs a token and on none that does not', () => {
    for (const { name, op } of operations()) {
      const open = name.includes('/public/') || name.includes('/procedures') || name.includes('health');
      expect({ name, has401: '401' in op.responses }).toEqual({ name, has401: !open });
    }
  });
});
