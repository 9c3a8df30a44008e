import { performance } from 'node:perf_hooks';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { Clock } from '../common/clock';
import { skipRoundIfDatabaseAway } from '../common/database-outage';
import { APP_CONFIG } from '../config/config.module';
import { Metrics } from '../metrics/metrics.service';
import type { AppConfig } from '../config/config';
import { DeadlinePassService } from './deadline-pass.service';

const JOB = 'deadline-check';

/**
 * Runs the deadline pass on DEADLINE_CHECK_CRON (seconds field first; default every 15 minutes).
 * Registered at bootstrap rather than with @Cron so the expression comes from the config.
 * Every instance schedules it; the pass's advisory lock lets one of them work at a time.
 */
@Injectable()
export class DeadlineScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DeadlineScheduler');

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly pass: DeadlinePassService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  /**
   * With DEADLINE_CHECK_AT_START, one pass first, awaited, so the service listens only once the
   * alerts are as current as the dossiers' due dates (the console's overview and alerts agree). A
   * failed pass does not stop the start: it is logged and the schedule tries again.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (this.config.deadlineCheckAtStart) {
      await this.tick().catch((error: unknown) => this.logger.error({ err: error }, 'deadline pass at start failed'));
    }
    const job = CronJob.from({
      cronTime: this.config.deadlineCheckCron,
      onTick: () => this.tick(),
      waitForCompletion: true,
      // A database away (down, failing over, read-only) skips the pass: one line per outage, not per tick.
      errorHandler: (error) => skipRoundIfDatabaseAway(error, this.logger, 'deadline pass failed'),
      timeZone: 'Asia/Ho_Chi_Minh',
    });
    this.registry.addCronJob(JOB, job);
    job.start();
  }

  /** One scheduled pass, timed for the metrics; a failure is timed too, then reported by the job. */
  async tick(): Promise<void> {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const result = await this.pass.run(this.clock.now());
      this.metrics.deadlinePassRan(result.skipped ? 'skipped' : 'completed', seconds(), new Date());
    } catch (error) {
      this.metrics.deadlinePassRan('failed', seconds(), new Date());
      throw error;
    }
  }

  onApplicationShutdown(): void {
    if (this.registry.doesExist('cron', JOB)) this.registry.deleteCronJob(JOB);
  }
}
