import { Logger } from '@nestjs/common';
import { isDatabaseAway, pgCode } from './postgres-errors';

/**
 * Whether this process currently sees its database away, so an outage is logged once when it
 * starts and once when it ends, however many requests and rounds meet it in between.
 */
class DatabaseOutage {
  private readonly logger = new Logger('Database');
  private since: number | null = null;

  /** A request or a round met the database away; the first one of an outage says so. */
  down(error: unknown): void {
    if (this.since !== null) return;
    this.since = Date.now();
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn({ code: pgCode(error), reason }, 'database unavailable: requests get 503 and background rounds are skipped until it is back');
  }

  /** A connection that can write was opened: the outage, if any, is over. */
  up(): void {
    if (this.since === null) return;
    this.logger.log({ outageMs: Date.now() - this.since }, 'database available again');
    this.since = null;
  }
}

/** One per process: every pool and every loop of it report to the same outage. */
export const databaseOutage = new DatabaseOutage();

/**
 * A background round failed: the database being away is the outage's (logged once, the round
 * skipped); anything else is an error of its own. True when the database was away.
 */
export function skipRoundIfDatabaseAway(error: unknown, logger: Logger, message: string): boolean {
  if (isDatabaseAway(error)) {
    databaseOutage.down(error);
    return true;
  }
  logger.error({ err: error }, message);
  return false;
}
