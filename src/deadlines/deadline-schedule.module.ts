import { Module } from '@nestjs/common';
import { DeadlinesModule } from './deadlines.module';
import { DeadlineScheduler } from './deadline-scheduler';

/** The scheduled pass: for the service only (needs ScheduleModule.forRoot()), not the CLI. */
@Module({ imports: [DeadlinesModule], providers: [DeadlineScheduler] })
export class DeadlineScheduleModule {}
