import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/config';
import { APP_CONFIG } from '../config/config.module';

/** The replica's DataSource options (DATABASE_READ_URL), or null without one: given by the composition root. */
export const READ_REPLICA_OPTIONS = Symbol('READ_REPLICA_OPTIONS');

/** Where a read that may lag runs, and how fresh its data is (what X-Data-As-Of and `asOf` say). */
export interface ReadSource {
  db: DataSource;
  asOf: Date;
}

/**
 * How old the replica's data is: a standby that has replayed all it received is as fresh as now
 * (an idle primary commits nothing, so the last replay's time alone would age), else as fresh as
 * its last replayed commit; a node that is no standby (a replica port led to a primary) is now.
 */
const AS_OF_SQL = `SELECT now() AS now,
  CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN now()
       ELSE pg_last_xact_replay_timestamp() END AS "asOf"`;
/** After a failed connection, the primary serves alone this long before the replica is tried again. */
const RECONNECT_AFTER_MS = 5000;

/**
 * The reads that may lag (reports, the console's overview and lists, the public lookup) go to the
 * replica while it is at most READ_MAX_LAG_MS behind, else, and whenever it cannot answer, to the
 * primary. Without DATABASE_READ_URL everything reads the primary, as of now.
 */
@Injectable()
export class ReadReplica implements OnApplicationShutdown {
  private readonly logger = new Logger('ReadReplica');
  private replica: DataSource | null = null;
  private connecting: Promise<DataSource | null> | null = null;
  private retryAt = 0;
  private passedOver = false;

  constructor(
    private readonly primary: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(READ_REPLICA_OPTIONS) private readonly options: DataSourceOptions | null,
  ) {}

  async source(): Promise<ReadSource> {
    const replica = await this.connected();
    if (replica) {
      try {
        const [row]: { now: Date; asOf: Date | null }[] = await replica.query(AS_OF_SQL);
        const lagMs = row.asOf ? row.now.getTime() - row.asOf.getTime() : Infinity;
        this.passOver(lagMs > this.config.readMaxLagMs, `the replica is ${Number.isFinite(lagMs) ? `${lagMs} ms` : 'an unknown time'} behind`);
        if (row.asOf && lagMs <= this.config.readMaxLagMs) return { db: replica, asOf: row.asOf };
      } catch (error) {
        this.passOver(true, `the replica did not answer: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return { db: this.primary, asOf: new Date() };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.replica?.destroy().catch(() => undefined);
  }

  /** Says once when reads fall back to the primary and once when the replica serves again. */
  private passOver(over: boolean, why: string): void {
    if (over === this.passedOver) return;
    this.passedOver = over;
    if (over) this.logger.warn({ readMaxLagMs: this.config.readMaxLagMs }, `reads that may lag go to the primary: ${why}`);
    else this.logger.log('reads that may lag come from the replica again');
  }

  private async connected(): Promise<DataSource | null> {
    if (!this.options || this.replica) return this.replica;
    if (Date.now() < this.retryAt) return null;
    this.connecting ??= new DataSource(this.options).initialize().then(
      (db) => (this.replica = db),
      (error: Error) => {
        this.retryAt = Date.now() + RECONNECT_AFTER_MS;
        this.passOver(true, `no connection to the replica: ${error.message}`);
        return null;
      },
    ).finally(() => (this.connecting = null));
    return this.connecting;
  }
}
