import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { DomainError, type ErrorKind } from './domain-error';

const STATUS: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  rule: 422,
  'too-many': 429,
  unavailable: 503,
};

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE', 409: 'CONFLICT', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 422: 'UNPROCESSABLE',
  429: 'TOO_MANY_REQUESTS', 503: 'SERVICE_UNAVAILABLE',
};

// SQLSTATE classes meaning the database is away, not that the request is wrong.
const UNAVAILABLE_SQLSTATE = /^(08|53|57P)/;

interface Problem {
  statusCode: number;
  code: string;
  message: string | string[];
  [key: string]: unknown;
}

/** The one place errors become HTTP answers: a code and a message, never a stack. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<FastifyReply>();
    const problem = this.toProblem(error);
    if (res.sent) return;
    res.status(problem.statusCode).send(problem);
  }

  private toProblem(error: unknown): Problem {
    if (error instanceof DomainError) {
      return { statusCode: STATUS[error.kind], code: error.code, message: error.messages ?? error.message, ...error.details };
    }
    if (error instanceof HttpException) return this.fromHttp(error);
    if (isDatabaseAway(error)) {
      return { statusCode: 503, code: 'DATABASE_UNAVAILABLE', message: 'the database is not answering; try again shortly' };
    }
    const errorId = randomUUID();
    this.logger.error({ err: error, errorId }, 'unhandled error');
    return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'internal error', errorId };
  }

  private fromHttp(error: HttpException): Problem {
    const status = error.getStatus();
    const body = error.getResponse();
    const message =
      typeof body === 'object' && body !== null && 'message' in body ? (body as { message: string | string[] }).message : error.message;
    const code =
      typeof body === 'object' && body !== null && 'code' in body ? String((body as { code: unknown }).code) : HTTP_CODES[status] ?? 'ERROR';
    return { statusCode: status, code, message };
  }
}

export function isDatabaseAway(error: unknown): boolean {
  // TypeORM releases a query runner whose connection emitted an error (the server went away);
  // the transaction's next query then fails with this instead of a driver error.
  if (error instanceof QueryRunnerAlreadyReleasedError) return true;
  // A query cut off by a dying connection fails with the driver's error, often without a SQLSTATE.
  const e = (error instanceof QueryFailedError ? error.driverError : error) as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const code = String(e.code ?? '');
  if (UNAVAILABLE_SQLSTATE.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code)) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i.test(String(e.message ?? ''));
}
