import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { DecisionsModule } from '../decisions/decisions.module';
import { ProceduresModule } from '../procedures/procedures.module';
import { DossierLedger } from './dossier-ledger';
import { DossiersController } from './dossiers.controller';
import { DossierActionsService } from './dossier-actions.service';
import { DossierIntakeService } from './dossier-intake.service';
import { DossierReadsService } from './dossier-reads.service';
import { EligibilityController } from './eligibility.controller';
import { IdempotencyRetention } from './idempotency-retention.service';

@Module({
  imports: [ProceduresModule, CalendarModule, DecisionsModule],
  controllers: [DossiersController, EligibilityController],
  providers: [DossierIntakeService, DossierActionsService, DossierReadsService, DossierLedger, IdempotencyRetention],
  exports: [DossierActionsService, DossierReadsService, DossierLedger],
})
export class DossiersModule {}
