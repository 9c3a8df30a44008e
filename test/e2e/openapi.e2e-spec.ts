import { createTestApp, type TestApp } from '../support/test-app';

interface Operation {
  parameters?: { in: string; name: string; required?: boolean }[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
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

  it('lists exactly one Idempotency-Key header on the actions endpoint, and it is optional', () => {
    const params = doc.paths['/api/v1/dossiers/{id}/actions'].post.parameters ?? [];
    const keys = params.filter((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key');
    expect(keys).toHaveLength(1);
    expect(keys[0].required ?? false).toBe(false);
  });

  it('lists the answers of POST /dossiers: 201, 200 for an idempotent repeat, and its refusals', () => {
    expect(statuses('/api/v1/dossiers', 'post')).toEqual([200, 201, 400, 401, 403, 409, 429]);
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
