import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';
import { DeadlinePassService } from './deadline-pass.service';

/** Deadlines: the pass that opens and closes alerts, and the alerts. */
@Module({
  imports: [CalendarModule],
  controllers: [AlertsController],
  providers: [DeadlinePassService, AlertsService],
  exports: [DeadlinePassService, AlertsService],
})
export class DeadlinesModule {}
