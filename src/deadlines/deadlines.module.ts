import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { DossiersModule } from '../dossiers/dossiers.module';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';
import { ApologiesController } from '../apologies/apologies.controller';
import { ApologiesService } from '../apologies/apologies.service';
import { CalendarModule } from '../calendar/calendar.module';
import { DeadlinePassService } from './deadline-pass.service';

/**
 * Deadlines: the pass that opens and closes alerts, the alerts, and apology letters (which move a
 * dossier's return date through the dossiers' ledger). The calendar is its own module, since
 * dossiers and feedback count working days too.
 */
@Module({
  imports: [CalendarModule, DossiersModule, DocumentsModule],
  controllers: [ApologiesController, AlertsController],
  providers: [DeadlinePassService, ApologiesService, AlertsService],
  exports: [DeadlinePassService, AlertsService, ApologiesService, CalendarModule],
})
export class DeadlinesModule {}
