import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { AlertsService } from './alerts.service';
import { DeadlinePassService } from './deadline-pass.service';

/** Deadlines: the pass that opens and closes alerts, and the alerts; the routes are DeadlinesApiModule's. */
@Module({
  imports: [CalendarModule],
  providers: [DeadlinePassService, AlertsService],
  exports: [DeadlinePassService, AlertsService],
})
export class DeadlinesModule {}
