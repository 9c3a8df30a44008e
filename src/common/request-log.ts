import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger as Pino } from 'pino';

/** The route label of a request no route matched. */
const UNMATCHED = 'unmatched';

/** The level of a request's line: a failure of ours is an error, the database away a warning, a client's mistake and success info. */
export function requestLevel(status: number): 'info' | 'warn' | 'error' {
  if (status === 503) return 'warn';
  return status >= 500 ? 'error' : 'info';
}

/**
 * One JSON line per request at info, when it is answered: the method, the route's pattern (never the
 * path or the query string, which may carry a phone or an ID number), the status, the time taken,
 * the request's id and who called (the principal's kind; never the token).
 */
export function logRequests(fastify: FastifyInstance, logger: Pino): void {
  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    const level = requestLevel(status);
    if (logger.isLevelEnabled(level)) {
      const principal = (request as FastifyRequest & { principal?: { kind: string } | null }).principal;
      logger[level](
        { reqId: request.id, method: request.method, route: request.routeOptions.url ?? UNMATCHED, status, ms: Math.round(reply.elapsedTime * 10) / 10, principal: principal?.kind ?? null },
        'request',
      );
    }
    done();
  });
}
