import { Writable } from 'node:stream';
import { Logger } from '@nestjs/common';
import Fastify from 'fastify';
import pino from 'pino';
import pinoHttp from 'pino-http';
import { AppLogger, attachRequestLogging } from './app-logger';
import { httpLoggerOptions, LOGGER_OPTIONS, requestId } from './logging';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { root: pino({ level, ...LOGGER_OPTIONS }, stream), lines };
}

describe('AppLogger (Nest logs on pino)', () => {
  it('writes Nest\'s calls as one JSON line with the fields, the message and the context', () => {
    const { root, lines } = capture();
    const logger = new AppLogger(root);
    logger.log({ dossierId: 'd-1', from: 'a', to: 'b', idNumber: '051190000123' }, 'dossier state change', 'Dossiers');
    logger.warn('plain text', 'Ctx');
    logger.error('failed', 'Error: failed\n    at x (y.js:1:1)', 'ExceptionsHandler');
    logger.error(new Error('boom'), 'Ctx');
    logger.debug('not written at info', 'Ctx');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatchObject({ level: 30, msg: 'dossier state change', context: 'Dossiers', dossierId: 'd-1', idNumber: '[redacted]' });
    expect(lines[1]).toMatchObject({ level: 40, msg: 'plain text', context: 'Ctx' });
    expect(lines[2]).toMatchObject({ level: 50, msg: 'failed', context: 'ExceptionsHandler', err: { stack: 'Error: failed\n    at x (y.js:1:1)' } });
    expect(lines[3]).toMatchObject({ level: 50, context: 'Ctx', err: { message: 'boom' } });
  });

  it('logs with the request\'s id while a request is handled, in its hooks, after its body was read and across awaits, and without one outside', async () => {
    const { root, lines } = capture();
    const fastify = Fastify({ genReqId: requestId });
    attachRequestLogging(fastify, pinoHttp({ ...httpLoggerOptions('info'), logger: root }));
    const nest = new Logger('Handler');
    Logger.overrideLogger(new AppLogger(root));
    // A failure in a hook before the body is read, logged by the error handler as the exception filter does.
    fastify.addHook('preParsing', async (request, _reply, payload) => {
      await new Promise((r) => setTimeout(r, 1));
      if (request.headers['x-fail'] === 'yes') throw new Error('hook failed');
      return payload;
    });
    fastify.setErrorHandler((error, _request, reply) => {
      nest.error({ err: error }, 'unhandled error');
      void reply.code(500).send({});
    });
    fastify.post('/', async (request) => {
      await new Promise((r) => setTimeout(r, 5));
      nest.log({ step: 'after an await', body: request.body }, 'handled');
      return { id: request.id };
    });
    try {
      const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
      const post = (headers: Record<string, string> = {}) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ n: 1 }) });
      const given = (await (await post({ 'x-request-id': 'req-42' })).json()) as { id: string };
      expect(given.id).toBe('req-42');
      const generated = (await (await post()).json()) as { id: string };
      expect((await post({ 'x-request-id': 'req-43', 'x-fail': 'yes' })).status).toBe(500);
      nest.log('outside any request');
      expect(lines.map((l) => [l.msg, l.reqId])).toEqual([
        ['handled', 'req-42'],
        ['handled', generated.id],
        ['unhandled error', 'req-43'],
        ['outside any request', undefined],
      ]);
      expect(lines[0]).toMatchObject({ context: 'Handler', step: 'after an await', body: { n: 1 } });
    } finally {
      await fastify.close();
      Logger.overrideLogger(false);
    }
  });

  describe('the request logger is made only when a line is logged', () => {
    // A server whose route logs `lines` lines at `at` inside the request, after an await.
    async function serve(level: string, run: (post: (lines: number, at?: string) => Promise<string>) => Promise<void>) {
      const { root, lines } = capture(level);
      const http = pinoHttp({ ...httpLoggerOptions(level), logger: root });
      const child = jest.spyOn(http.logger, 'child');
      const fastify = Fastify({ genReqId: requestId });
      attachRequestLogging(fastify, http);
      const nest = new Logger('Handler');
      Logger.overrideLogger(new AppLogger(root));
      fastify.post('/', async (request) => {
        const { n, at } = request.body as { n: number; at: 'log' | 'warn' };
        await new Promise((r) => setTimeout(r, 1));
        for (let i = 0; i < n; i++) nest[at]({ i }, 'line');
        return {};
      });
      try {
        const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
        let next = 0;
        await run(async (n, at = 'log') => {
          const id = `req-${++next}`;
          await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': id }, body: JSON.stringify({ n, at }) });
          return id;
        });
      } finally {
        await fastify.close();
        Logger.overrideLogger(false);
      }
      return { lines, children: child.mock.calls };
    }

    it('makes none for requests that log nothing, one for a request that logs, whatever it logs', async () => {
      let ids: string[] = [];
      const { lines, children } = await serve('info', async (post) => {
        ids = [await post(0), await post(0), await post(3), await post(0)];
      });
      expect(children).toEqual([[{ reqId: ids[2] }]]);
      expect(lines.map((l) => [l.msg, l.reqId, l.i, l.context])).toEqual([0, 1, 2].map((i) => ['line', ids[2], i, 'Handler']));
    });

    it('makes none for lines below the level (LOG_LEVEL=warn), and one for a warning', async () => {
      let ids: string[] = [];
      const { lines, children } = await serve('warn', async (post) => {
        ids = [await post(2, 'log'), await post(1, 'warn')];
      });
      expect(children).toEqual([[{ reqId: ids[1] }]]);
      expect(lines.map((l) => [l.msg, l.reqId, l.level])).toEqual([['line', ids[1], 40]]);
    });

    it("at debug, the request's own lines carry its id, and pino-http writes none of its own (request-log.ts does)", async () => {
      let ids: string[] = [];
      const { lines } = await serve('debug', async (post) => {
        ids = [await post(1), await post(0)];
      });
      expect(lines.map((l) => [l.msg, l.reqId])).toEqual([['line', ids[0]]]);
    });
  });
});
