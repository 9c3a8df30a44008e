import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { ProceduresModule } from '../procedures/procedures.module';
import { DossierLedger } from './dossier-ledger';
import { DossiersController } from './dossiers.controller';
import { DossiersService } from './dossiers.service';
import { EligibilityController } from './eligibility.controller';
import { IdempotencyRetention } from './idempotency-retention.service';

@Module({
  imports: [ProceduresModule, CalendarModule],
  controllers: [DossiersController, EligibilityController],
  providers: [DossiersService, DossierLedger, IdempotencyRetention],
  exports: [DossiersService, DossierLedger],
})
export class DossiersModule {}
