// Lists page by keyset: a walk by cursor gives the page walk's items in the same order, each once;
// pages stay for compatibility up to 10,000 rows deep, and past that the answer names `cursor`.
import type { Response } from 'supertest';
import { generateScale } from '../../bench/scale-data';
import { bearer, token } from '../support/factories';
import { expectProblem } from '../support/problems';
import { createTestApp, type TestApp } from '../support/test-app';

const COUNT = 250;

describe('keyset paging', () => {
  let t: TestApp;
  let admin: { token: string };

  beforeAll(async () => {
    t = await createTestApp();
    await generateScale(t.databaseUrl, COUNT);
    // Ties on created_at: the id must order them, or a cursor would skip or repeat rows.
    await t.db.query(`UPDATE dossier SET created_at = timestamptz '2021-03-01 09:00:00.123456+07' WHERE id IN (SELECT id FROM dossier ORDER BY id LIMIT 40)`);
    admin = await token(t.db, 'admin');
  }, 120_000);
  afterAll(() => t.close());

  async function walkByCursor(path: string, limit: number): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 1000; i++) {
      const res: Response = await t.http().get(path).query(cursor ? { cursor, limit } : { limit }).set(bearer(admin));
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(['items', 'nextCursor']);
      expect(res.body.items.length).toBeLessThanOrEqual(limit);
      ids.push(...res.body.items.map((x: { id: string }) => x.id));
      cursor = res.body.nextCursor;
      if (cursor === null) return ids;
      expect(res.body.items).toHaveLength(limit);
    }
    throw new Error('the walk never ended');
  }

  async function walkByPage(path: string, pageSize: number): Promise<{ ids: string[]; total: number }> {
    const ids: string[] = [];
    for (let page = 1; ; page++) {
      const res = await t.http().get(path).query({ page, pageSize }).set(bearer(admin));
      expect(res.status).toBe(200);
      ids.push(...res.body.items.map((x: { id: string }) => x.id));
      if (res.body.items.length < pageSize) return { ids, total: res.body.total };
    }
  }

  it.each([
    ['/api/v1/dossiers', COUNT],
    ['/api/v1/integration/outbox', undefined],
  ])('walks %s by cursor to the same items, in the same order, as by page', async (path, expected) => {
    const byCursor = await walkByCursor(path, 7);
    const byPage = await walkByPage(path, 7);
    expect(byCursor).toEqual(byPage.ids);
    expect(new Set(byCursor).size).toBe(byCursor.length);
    expect(byCursor.length).toBe(byPage.total);
    if (expected !== undefined) expect(byCursor.length).toBe(expected);
  });

  it('keeps a filter along the walk', async () => {
    const res = await t.http().get('/api/v1/dossiers').query({ status: 'rejected', limit: 200 }).set(bearer(admin));
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM dossier WHERE status = 'rejected'`);
    expect(res.body.items.map((d: { status: string }) => d.status)).toEqual(Array(n).fill('rejected'));
    expect(res.body.nextCursor).toBeNull();
  });

  it('gives a page answer its total and a cursor that goes on after it', async () => {
    const page = await t.http().get('/api/v1/dossiers').query({ page: 2, pageSize: 10 }).set(bearer(admin));
    expect(page.body).toMatchObject({ page: 2, pageSize: 10, total: COUNT });
    const next = await t.http().get('/api/v1/dossiers').query({ cursor: page.body.nextCursor, limit: 10 }).set(bearer(admin));
    const third = await t.http().get('/api/v1/dossiers').query({ page: 3, pageSize: 10 }).set(bearer(admin));
    expect(next.body.items.map((d: { id: string }) => d.id)).toEqual(third.body.items.map((d: { id: string }) => d.id));
  });

  it('answers page × pageSize up to 10,000 and refuses deeper, naming cursor', async () => {
    const deepest = await t.http().get('/api/v1/dossiers').query({ page: 50, pageSize: 200 }).set(bearer(admin));
    expect(deepest.status).toBe(200);
    expect(deepest.body.items).toEqual([]);
    const res = await t.http().get('/api/v1/dossiers').query({ page: 51, pageSize: 200 }).set(bearer(admin));
    expectProblem(res, 400, 'PAGE_TOO_DEEP');
    expect(res.body.errors).toEqual([{ pointer: '/cursor', detail: expect.stringContaining('cursor') }]);
  });

  it.each([
    ['a cursor of nothing', { cursor: 'bm90LWpzb24' }, 'CURSOR_INVALID'],
    ['a cursor of the wrong list', { cursor: Buffer.from('["1"]').toString('base64url') }, 'CURSOR_INVALID'],
    ['a forged cursor of the right length', { cursor: Buffer.from('["not a time","not a uuid"]').toString('base64url') }, 'CURSOR_INVALID'],
    ['a cursor of a time out of range', { cursor: Buffer.from('["2021-13-45 99:00:00+00","00000000-0000-0000-0000-000000000000"]').toString('base64url') }, 'CURSOR_INVALID'],
    ['a cursor that is not base64url', { cursor: 'a b' }, 'VALIDATION_FAILED'],
    ['a limit above 200', { limit: 201 }, 'VALIDATION_FAILED'],
    ['both ways of paging', { limit: 5, page: 2 }, 'VALIDATION_FAILED'],
  ])('refuses %s with a 400', async (_what, query, code) => {
    const res = await t.http().get('/api/v1/dossiers').query(query).set(bearer(admin));
    expectProblem(res, 400, code);
  });

  it('walks the published feedback by cursor too (empty: no cursor)', async () => {
    const res = await t.http().get('/api/v1/public/feedback').query({ limit: 5 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });
});
