import type { Response } from 'supertest';

/** Asserts a 4xx answer with a code and a message, never a 5xx or a stack. */
export function expectProblem(res: Response, status: number, code?: string): void {
  expect(res.status).not.toBeGreaterThanOrEqual(500);
  if (res.status !== status) throw new Error(`expected ${status}${code ? ` ${code}` : ''}, got ${res.status}: ${JSON.stringify(res.body)}`);
  expect(typeof res.body.code).toBe('string');
  if (code) expect(res.body.code).toBe(code);
  expect(res.body.message).toBeDefined();
  expect(JSON.stringify(res.body)).not.toMatch(/\s+at .+\.(js|ts):\d+/);
}
