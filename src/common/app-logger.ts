import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger as Pino } from 'pino';
import type { HttpLogger } from 'pino-http';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/** The logger of the request being handled (pino-http's child, carrying its id), across every await. */
const requestLogs = new AsyncLocalStorage<Pino>();

/**
 * pino-http on every request, named with Fastify's request id (the one the answer carries), and the
 * hooks, the route's handler (guards, pipes, controller) and the exception filter run inside the
 * request's logging context, so whatever logs while it is handled writes that id: also the filter's
 * line for a failure in a hook before the body is read. Entered at onRequest and again at
 * preHandler: the body's stream events run outside any request's context.
 */
export function attachRequestLogging(fastify: FastifyInstance, httpLogger: HttpLogger): void {
  const logOf = (request: FastifyRequest) => (request.raw as IncomingMessage & { log: Pino }).log;
  fastify.addHook('onRequest', (request, reply, done) => {
    Object.assign(request.raw, { id: request.id });
    httpLogger(request.raw, reply.raw);
    requestLogs.run(logOf(request), done);
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    requestLogs.run(logOf(request), done);
  });
}

/**
 * Nest's logger on pino: `new Logger('Ctx').log({ fields }, 'message')` writes one JSON line with the
 * fields, `context: "Ctx"` and, inside a request, its id. Nest passes the context as the last argument.
 */
export class AppLogger implements LoggerService {
  constructor(private readonly root: Pino) {}

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    const logger = requestLogs.getStore() ?? this.root;
    const fields: Record<string, unknown> = {};
    let params = rest;
    if (rest.length > 0) {
      fields.context = rest[rest.length - 1];
      params = rest.slice(0, -1);
    }
    const [text] = params.filter((p) => typeof p === 'string') as string[];
    if (message instanceof Error) {
      logger[level]({ ...fields, err: message }, text);
    } else if (typeof message === 'object' && message !== null) {
      logger[level]({ ...fields, ...message }, text);
    } else if (level === 'error' && typeof params[0] === 'string' && /\n\s*at /.test(params[0])) {
      // Nest's own exception handlers call error(message, stack, context).
      const err = new Error(String(message));
      err.stack = params[0];
      logger.error({ ...fields, err }, String(message));
    } else {
      logger[level](fields, String(message));
    }
  }
}
