import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Logger as Pino } from 'pino';
import type { HttpLogger } from 'pino-http';

type Level = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

/**
 * The logger of one request, made from pino-http's logger with the request's id (as pino-http's
 * quiet request logger is) only when a line is written while the request is handled: most requests
 * log nothing, and a child logger per request cost more than the rest of the logging together.
 */
class RequestLog {
  constructor(
    readonly base: Pino,
    private readonly id: string,
    private child?: Pino,
  ) {}

  get logger(): Pino {
    return (this.child ??= this.base.child({ reqId: this.id }));
  }
}

/** The log of the request being handled, across every await. */
const requestLogs = new AsyncLocalStorage<RequestLog>();

/**
 * The request's id on every line logged while it is handled: the hooks, the route's handler
 * (guards, pipes, controller) and the exception filter run inside the request's logging context, so
 * also the filter's line for a failure in a hook before the body is read. Entered at onRequest and
 * again at preHandler: the body's stream events run outside any request's context. pino-http's
 * logger (its serializers, its `reqId`) is the base of each request's logger.
 */
export function attachRequestLogging(fastify: FastifyInstance, httpLogger: HttpLogger): void {
  const base = httpLogger.logger;
  fastify.decorateRequest('requestLog', null);
  fastify.addHook('onRequest', (request, _reply, done) => {
    const log = new RequestLog(base, request.id);
    (request as FastifyRequest & { requestLog: RequestLog }).requestLog = log;
    requestLogs.run(log, done);
  });
  fastify.addHook('preHandler', (request, _reply, done) => {
    const log = (request as FastifyRequest & { requestLog: RequestLog }).requestLog;
    if (requestLogs.getStore() === log) return done();
    requestLogs.run(log, done);
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
    const request = requestLogs.getStore();
    // A line below the level costs nothing, inside a request or not.
    if (!(request?.base ?? this.root).isLevelEnabled(level)) return;
    const logger = request?.logger ?? this.root;
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
