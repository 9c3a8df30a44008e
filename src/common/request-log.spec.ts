import { Writable } from 'node:stream';
import Fastify from 'fastify';
import pino from 'pino';
import { LOGGER_OPTIONS } from './logging';
import { logRequests, requestLevel } from './request-log';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { root: pino({ level, ...LOGGER_OPTIONS }, stream), lines };
}

async function serve(level: string, requests: (url: string) => Promise<unknown>) {
  const { root, lines } = capture(level);
  const fastify = Fastify();
  fastify.addHook('preHandler', async (request) => {
    if (request.headers.authorization) Object.assign(request, { principal: { kind: 'official' } });
  });
  logRequests(fastify, root);
  fastify.get('/api/v1/dossiers/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (id === 'boom') return reply.code(500).send({});
    if (id === 'away') return reply.code(503).send({});
    if (id === 'bad') return reply.code(400).send({});
    return {};
  });
  const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
  try {
    await requests(url);
  } finally {
    await fastify.close();
  }
  return lines;
}

describe('one line per request', () => {
  it('at info: method, route pattern, status, time, request id and the caller\'s kind; never the path, the query or the token', async () => {
    const lines = await serve('info', async (url) => {
      await fetch(`${url}/api/v1/dossiers/0905123456?phone=0905123456&taxCode=4300123458`, { headers: { authorization: 'Bearer dvc_secret-token' } });
      await fetch(`${url}/api/v1/dossiers/bad`);
      await fetch(`${url}/nowhere?idNumber=051190000123`);
    });
    expect(lines.map((l) => [l.msg, l.level, l.method, l.route, l.status, l.principal])).toEqual([
      ['request', 30, 'GET', '/api/v1/dossiers/:id', 200, 'official'],
      ['request', 30, 'GET', '/api/v1/dossiers/:id', 400, null],
      ['request', 30, 'GET', 'unmatched', 404, null],
    ]);
    expect(lines[0]).toEqual(expect.objectContaining({ reqId: expect.any(String), ms: expect.any(Number) }));
    const text = JSON.stringify(lines);
    for (const secret of ['0905123456', '4300123458', '051190000123', 'dvc_secret-token', 'phone=']) expect(text).not.toContain(secret);
  });

  it('at warn: nothing for success or a client\'s mistake, a warning for the database away, an error for a failure of ours', async () => {
    const lines = await serve('warn', async (url) => {
      for (const id of ['ok', 'bad', 'away', 'boom']) await fetch(`${url}/api/v1/dossiers/${id}`);
    });
    expect(lines.map((l) => [l.level, l.status])).toEqual([
      [40, 503],
      [50, 500],
    ]);
    expect([200, 404, 422, 503, 500, 502].map(requestLevel)).toEqual(['info', 'info', 'info', 'warn', 'error', 'error']);
  });
});
