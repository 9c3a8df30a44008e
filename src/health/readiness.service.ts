import { Injectable } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { DataSource, MigrationExecutor } from 'typeorm';

const CHECK_TIMEOUT_MS = 1000;

function withinTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what} did not answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * What `/health/ready` checks: this instance can do its work, not merely run. A load balancer
 * sends traffic only to instances answering 200 here.
 */
@Injectable()
export class Readiness {
  /** Applied migrations stay applied: once none is pending, the check costs nothing. */
  private migrated = false;

  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly db: DataSource,
    private readonly schedules: SchedulerRegistry,
  ) {}

  /** Reachable and writable: a standby, or a session forced read-only, cannot take an action. */
  async database(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('database');
    try {
      const [row]: { standby: boolean; readOnly: boolean }[] = await withinTimeout(
        this.db.query(`SELECT pg_is_in_recovery() AS standby, current_setting('transaction_read_only') = 'on' AS "readOnly"`),
        'the database',
      );
      if (row.standby) return check.down({ message: 'connected to a standby (read-only): no primary accepts writes' });
      if (row.readOnly) return check.down({ message: 'the database session is read-only (default_transaction_read_only)' });
      return check.up();
    } catch (error) {
      return check.down({ message: reason(error) });
    }
  }

  /** Every migration of this build is applied (an instance newer than its database must not serve). */
  async migrations(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('migrations');
    if (this.migrated) return check.up();
    try {
      const pending = await withinTimeout(new MigrationExecutor(this.db).getPendingMigrations(), 'the migrations table');
      if (pending.length) return check.down({ message: `${pending.length} migration(s) pending, from ${pending[0].name}` });
      this.migrated = true;
      return check.up();
    } catch (error) {
      return check.down({ message: reason(error) });
    }
  }

  /** The deadline pass's schedule is registered and running. */
  scheduler(): HealthIndicatorResult {
    const check = this.indicators.check('scheduler');
    const jobs = [...this.schedules.getCronJobs().entries()];
    if (!jobs.length) return check.down({ message: 'no scheduled job is registered' });
    const stopped = jobs.filter(([, job]) => !job.isActive).map(([name]) => name);
    return stopped.length ? check.down({ message: `stopped: ${stopped.join(', ')}` }) : check.up({ jobs: jobs.map(([name]) => name) });
  }
}
