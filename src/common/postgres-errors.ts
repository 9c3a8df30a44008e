import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

const UNIQUE_VIOLATION = '23505';
/** read_only_sql_transaction: a write reached a standby, or a session forced read-only. */
export const READ_ONLY_SQLSTATE = '25006';
// SQLSTATE classes meaning the database is away, not that the request is wrong; 57014 is a statement
// cancelled by statement_timeout: the database too slow (a lock held, an overload) to answer in time.
const UNAVAILABLE_SQLSTATE = /^(08|53|57P|57014$)/;

interface DriverError {
  code?: unknown;
  constraint?: unknown;
  message?: unknown;
}

/** The PostgreSQL (or network) error under a TypeORM QueryFailedError, or the error itself. */
function driverErrorOf(error: unknown): DriverError | null {
  const e = error instanceof QueryFailedError ? error.driverError : error;
  return e !== null && typeof e === 'object' ? (e as DriverError) : null;
}

/** The SQLSTATE (or Node error code) of a failed query. */
export function pgCode(error: unknown): string | undefined {
  const code = driverErrorOf(error)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A unique index refused the row; with `constraint`, only that index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = driverErrorOf(error);
  return e?.code === UNIQUE_VIOLATION && (constraint === undefined || e.constraint === constraint);
}

/**
 * The database is away (refused, restarting, out of connections, cut off, or read-only: a standby
 * during a failover, or a wrong route), not the request wrong.
 */
export function isDatabaseAway(error: unknown): boolean {
  // TypeORM releases a query runner whose connection emitted an error (the server went away);
  // the transaction's next query then fails with one of these (the query runner's own method, or an
  // EntityManager.query through it) instead of a driver error.
  if (error instanceof QueryRunnerAlreadyReleasedError || error instanceof QueryRunnerProviderAlreadyReleasedError) return true;
  // A query cut off by a dying connection fails with the driver's error, often without a SQLSTATE.
  const e = driverErrorOf(error);
  if (!e) return false;
  const code = String(e.code ?? '');
  if (UNAVAILABLE_SQLSTATE.test(code) || code === READ_ONLY_SQLSTATE || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'].includes(code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|terminating connection/i.test(String(e.message ?? ''));
}
