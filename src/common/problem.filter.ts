import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { assertUnreachable } from './assert-unreachable';
import { isPublicRoute } from './auth.decorators';
import { DomainError } from './domain-error';
import { type ErrorCode, isErrorCode } from './error-codes';
import { databaseOutage } from './database-outage';
import { isDatabaseAway } from './postgres-errors';
import { PROBLEM_CONTENT_TYPE, preferredLanguage, problemDetails, type Refusal } from './problem-details';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A failover takes a few seconds (docs/operations.md); a client asking sooner meets the same gap. */
const RETRY_AFTER_SECONDS = 2;

/** The code of a refusal by the HTTP layer (routing, parsing, limits), by its status. */
const HTTP_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE', 408: 'REQUEST_TIMEOUT', 409: 'CONFLICT', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE', 429: 'TOO_MANY_REQUESTS', 431: 'HEADERS_TOO_LARGE', 503: 'SERVICE_UNAVAILABLE',
};

/** Where a failure comes from; each source becomes a refusal its own way. */
type Failure =
  | { source: 'domain'; error: DomainError }
  | { source: 'http'; error: HttpException }
  | { source: 'database-away'; error: unknown }
  | { source: 'unexpected'; error: unknown };

function classify(error: unknown): Failure {
  if (error instanceof DomainError) return { source: 'domain', error };
  if (error instanceof HttpException) return { source: 'http', error };
  if (isDatabaseAway(error)) return { source: 'database-away', error };
  return { source: 'unexpected', error };
}

/**
 * The one place errors become HTTP answers: RFC 9457 problem details (application/problem+json)
 * with a registered code, never a stack. Vietnamese when the caller prefers it, and by default on
 * the public routes (citizens); English otherwise.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<FastifyReply>();
    const refusal = this.refusalOf(classify(error));
    if (res.sent) return;
    replyProblem(http.getRequest<FastifyRequest | undefined>(), res, refusal);
  }

  private refusalOf(failure: Failure): Refusal {
    switch (failure.source) {
      case 'domain': {
        const { code, messages, message, fields, details } = failure.error;
        return { code, message: messages ?? message, fields, details };
      }
      case 'http':
        return fromHttp(failure.error);
      case 'database-away':
        databaseOutage.down(failure.error);
        return { code: 'DATABASE_UNAVAILABLE', message: 'the database is not answering; try again shortly' };
      case 'unexpected': {
        const errorId = randomUUID();
        this.logger.error({ err: failure.error, errorId }, 'unhandled error');
        return { code: 'INTERNAL_ERROR', message: 'internal error', details: { errorId } };
      }
      default:
        return assertUnreachable(failure);
    }
  }
}

function fromHttp(error: HttpException): Refusal {
  const status = error.getStatus();
  const body = error.getResponse();
  const message =
    typeof body === 'object' && body !== null && 'message' in body ? (body as { message: string | string[] }).message : error.message;
  const given = typeof body === 'object' && body !== null && 'code' in body ? String((body as { code: unknown }).code) : null;
  const code = given && isErrorCode(given) ? given : HTTP_CODES[status] ?? 'HTTP_ERROR';
  return { code, status, message };
}

/**
 * Sends a refusal as problem details in the caller's language, with the request id as `instance`;
 * also for the refusals Fastify makes before a route is found (setup-app.ts).
 */
export function replyProblem(req: FastifyRequest | undefined, res: FastifyReply, refusal: Refusal): void {
  const language = preferredLanguage(req?.headers?.['accept-language'], isPublicRoute(req) ? 'vi' : 'en');
  const problem = problemDetails(refusal, language, req?.id);
  // A 503 is a passing state (the database away, a failover, a restart): say when to come back.
  if (problem.status === 503) res.header('Retry-After', String(RETRY_AFTER_SECONDS));
  res.status(problem.status).type(PROBLEM_CONTENT_TYPE).header('Content-Language', language).send(problem);
}
