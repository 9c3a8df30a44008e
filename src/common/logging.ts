import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';

// Personal numbers and secrets, wherever they sit in a logged object (bodies nest them in
// applicant, workers[i], content…); fast-redact needs each depth spelled out.
const PERSONAL = ['idNumber', 'socialInsuranceCode', 'phone', 'email', 'token', 'taxCode'];
const DEPTHS = 6;
const nested = (key: string) => Array.from({ length: DEPTHS + 1 }, (_, i) => `${'*.'.repeat(i)}${key}`);

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  // A failed query carries the values it bound and PostgreSQL's detail quotes key values.
  'err.parameters',
  'err.detail',
  'err.driverError.parameters',
  'err.driverError.detail',
  ...PERSONAL.flatMap(nested),
];

/** pino-http's options: one request id per request, no request lines below debug, secrets redacted. */
export function httpLoggerOptions(level: string): Options {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    autoLogging: level === 'debug' || level === 'trace',
    // Each request's logger carries only its id: binding the whole request serialised (and redacted) it on every call.
    quietReqLogger: true,
  };
}
