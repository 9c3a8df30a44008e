import { Module } from '@nestjs/common';
import { DossiersModule } from '../dossiers/dossiers.module';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';
import { ApologiesController } from './apologies.controller';
import { ApologiesService } from './apologies.service';
import { DeadlinePassService } from './deadline-pass.service';
import { DeadlinesModule } from './deadlines.module';

/**
 * The deadline pass, its alerts and apology letters. Separate from DeadlinesModule (the calendar),
 * which DossiersModule imports, because apologies write through the dossiers' ledger.
 */
@Module({
  imports: [DeadlinesModule, DossiersModule],
  controllers: [ApologiesController, AlertsController],
  providers: [DeadlinePassService, ApologiesService, AlertsService],
  exports: [DeadlinePassService, DeadlinesModule],
})
export class DeadlineAlertsModule {}
