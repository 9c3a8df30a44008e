import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LoggerOptions } from 'pino';
import type { Options } from 'pino-http';

const CENSOR = '[redacted]';
// Personal numbers and secrets, wherever a logged object nests them (applicant, workers[i], …).
const PERSONAL = new Set(['idNumber', 'socialInsuranceCode', 'phone', 'email', 'taxCode', 'token']);
const MAX_DEPTH = 10;

/** A copy of a log line's fields with personal keys censored at any depth; errors go to pino's serializer as they are. */
export function censorPersonal(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || value instanceof Error || value instanceof Date) return value;
  if (depth >= MAX_DEPTH) return CENSOR;
  if (Array.isArray(value)) return value.map((v) => censorPersonal(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = PERSONAL.has(key) ? CENSOR : censorPersonal(v, depth + 1);
  return out;
}

/**
 * What every log line goes through. Fixed paths only in `redact`: a wildcard path would be
 * applied to every binding of every request's child logger, a cost paid even when nothing is logged.
 */
export const LOGGER_OPTIONS: Pick<LoggerOptions, 'redact' | 'formatters'> = {
  redact: {
    paths: [
      'req.headers.authorization',
      'req.headers.cookie',
      // A failed query carries the values it bound, and PostgreSQL's detail quotes key values.
      'err.parameters',
      'err.detail',
      'err.driverError.parameters',
      'err.driverError.detail',
    ],
    censor: CENSOR,
  },
  formatters: { log: (line) => censorPersonal(line) as Record<string, unknown> },
};

// What a client may name its request: enough for a UUID or a trace id, nothing that could forge
// a log line or a header.
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The request's id: the client's `X-Request-Id` when it is 1–128 of A-Z a-z 0-9 . _ -, else a new UUID. */
export function requestId(req: Pick<IncomingMessage, 'headers'>): string {
  const sent = req.headers['x-request-id'];
  return typeof sent === 'string' && CLIENT_REQUEST_ID.test(sent) ? sent : randomUUID();
}

/** pino-http's options: one request id per request, secrets redacted; it writes no line itself (request-log.ts does). */
export function httpLoggerOptions(level: string): Options {
  return {
    level,
    ...LOGGER_OPTIONS,
    // Fastify named the request already (`requestId`) and the answer carries that name.
    genReqId: (req) => req.id ?? requestId(req),
    // The one line per request is request-log.ts's, at info; pino-http's own would repeat it with the full URL.
    autoLogging: false,
    // Each request's logger carries only its id: binding the whole request serialised it on every call
    // (app-logger.ts makes that logger itself, when a line is logged, unless pino-http runs per request).
    quietReqLogger: true,
  };
}
