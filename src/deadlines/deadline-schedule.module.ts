import { Module } from '@nestjs/common';
import { DeadlineAlertsModule } from './deadline-alerts.module';
import { DeadlineScheduler } from './deadline-scheduler';

/** The scheduled pass: for the service only (needs ScheduleModule.forRoot()), not the CLI. */
@Module({ imports: [DeadlineAlertsModule], providers: [DeadlineScheduler] })
export class DeadlineScheduleModule {}
