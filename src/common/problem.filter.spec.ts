import { HttpException, Logger, PayloadTooLargeException } from '@nestjs/common';
import type { ArgumentsHost } from '@nestjs/common';
import { QueryRunnerAlreadyReleasedError } from 'typeorm';
import { markPublicRoute } from './auth.decorators';
import { notFound } from './domain-error';
import { ProblemFilter } from './problem.filter';

function answer(error: unknown, req: Record<string, unknown> = { headers: {} }) {
  const headers: Record<string, string> = {};
  let sent: { body: Record<string, unknown>; status: number } | undefined;
  let status = 200;
  // The part of Fastify's reply the filter uses.
  const reply = {
    sent: false,
    status: (code: number) => ((status = code), reply),
    type: (value: string) => ((headers['Content-Type'] = value), reply),
    header: (name: string, value: string) => ((headers[name] = value), reply),
    send: (body: Record<string, unknown>) => ((sent = { body, status }), reply),
  };
  const host = { switchToHttp: () => ({ getRequest: () => req, getResponse: () => reply }) } as unknown as ArgumentsHost;
  new ProblemFilter().catch(error, host);
  return { ...sent!, headers };
}

describe('ProblemFilter', () => {
  beforeAll(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));

  it('answers a domain error with its registered status, as problem details', () => {
    const res = answer(notFound('DOSSIER_NOT_FOUND', 'dossier x does not exist'), { headers: {}, id: 'req-9' });
    expect(res.status).toBe(404);
    expect(res.headers).toEqual({ 'Content-Type': 'application/problem+json; charset=utf-8', 'Content-Language': 'en' });
    expect(res.body).toMatchObject({ type: '/problems/DOSSIER_NOT_FOUND', status: 404, statusCode: 404, code: 'DOSSIER_NOT_FOUND', instance: 'req-9' });
  });

  it('answers in Vietnamese on a public route unless the caller asks for English', () => {
    const req = { headers: {} };
    markPublicRoute(req);
    expect(answer(notFound('PUBLIC_DOSSIER_NOT_FOUND', 'x'), req).headers['Content-Language']).toBe('vi');
    expect(answer(notFound('PUBLIC_DOSSIER_NOT_FOUND', 'x'), { ...req, headers: { 'accept-language': 'en' } }).headers['Content-Language']).toBe('en');
  });

  it('gives HTTP-layer refusals their code by status, any other status HTTP_ERROR', () => {
    expect(answer(new PayloadTooLargeException()).body).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(answer(new HttpException('gone', 410)).body).toMatchObject({ status: 410, statusCode: 410, code: 'HTTP_ERROR', type: '/problems/HTTP_ERROR' });
  });

  it('answers 503 when the database is away, and 500 with an error id but no stack otherwise', () => {
    expect(answer(new QueryRunnerAlreadyReleasedError()).body).toMatchObject({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    const res = answer(new Error('boom at secret place'));
    expect(res.body).toMatchObject({ status: 500, code: 'INTERNAL_ERROR', message: 'internal error', errorId: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toMatch(/boom|\.ts:\d+/);
  });
});
