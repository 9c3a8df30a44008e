import { Logger } from '@nestjs/common';
import { isDatabaseAway, pgCode } from './postgres-errors';

/**
 * Whether this process currently sees its database away, so an outage is logged once when it
 * starts and once when it ends, however many requests and rounds meet it in between. A failover
 * flaps (a connection opens, then the node it reached is demoted or restarted), so the outage ends
 * only once the database has stayed writable for SETTLE_MS; a failure before that is the same outage.
 */
class DatabaseOutage {
  static readonly SETTLE_MS = 2000;
  private readonly logger = new Logger('Database');
  private since: number | null = null;
  private settling: NodeJS.Timeout | null = null;

  /** A request or a round met the database away; the first one of an outage says so. */
  down(error: unknown): void {
    if (this.settling) {
      clearTimeout(this.settling);
      this.settling = null;
    }
    if (this.since !== null) return;
    this.since = Date.now();
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn({ code: pgCode(error), reason }, 'database unavailable: requests get 503 and background rounds are skipped until it is back');
  }

  /** A connection that can write was opened: the outage, if any, ends unless it fails again soon. */
  up(): void {
    if (this.since === null || this.settling) return;
    const since = this.since;
    this.settling = setTimeout(() => {
      this.settling = null;
      this.since = null;
      this.logger.log({ outageMs: Date.now() - since }, 'database available again');
    }, DatabaseOutage.SETTLE_MS);
    this.settling.unref();
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
