import type { Response } from 'supertest';

/**
 * Asserts a 4xx answer as RFC 9457 problem details keeping the fields clients read (statusCode,
 * code, message): never a 5xx or a stack; `type` is the code's page; `instance` the request id.
 */
export function expectProblem(res: Response, status: number, code?: string): void {
  expect(res.status).not.toBeGreaterThanOrEqual(500);
  if (res.status !== status) throw new Error(`expected ${status}${code ? ` ${code}` : ''}, got ${res.status}: ${JSON.stringify(res.body)}`);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json; charset=utf-8/);
  const body = res.body;
  expect(typeof body.code).toBe('string');
  if (code) expect(body.code).toBe(code);
  expect(body.message).toBeDefined();
  expect(body).toMatchObject({ type: `/problems/${body.code}`, status, statusCode: status });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  if (res.headers['x-request-id']) expect(body.instance).toBe(res.headers['x-request-id']);
  for (const e of body.errors ?? []) expect(e).toEqual({ pointer: expect.stringMatching(/^(\/[^/]*)+$/), detail: expect.any(String) });
  expect(JSON.stringify(body)).not.toMatch(/\s+at .+\.(js|ts):\d+/);
}

/**
 * A change to who may do what reaches every instance's principal cache through a PostgreSQL
 * notification, promised within a second: reads until `settled` holds, then returns the last
 * reading for the caller to assert. The bound is five times the promise, so a loaded machine does
 * not fail it and a notification that never comes still does.
 */
export async function eventually<T>(read: () => PromiseLike<T>, settled: (value: T) => boolean, withinMs = 5_000): Promise<T> {
  const until = Date.now() + withinMs;
  for (;;) {
    const value = await read();
    if (settled(value) || Date.now() >= until) return value;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A request's answer once it is no longer 200 (see eventually). */
export const refusedSoon = (send: () => PromiseLike<Response>): Promise<Response> => eventually(send, (res) => res.status !== 200);
