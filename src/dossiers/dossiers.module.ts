import { Module } from '@nestjs/common';
import { CalendarModule } from '../deadlines/calendar.module';
import { ProceduresModule } from '../procedures/procedures.module';
import { DossierLedger } from './dossier-ledger';
import { DossiersController } from './dossiers.controller';
import { DossiersService } from './dossiers.service';
import { EligibilityController } from './eligibility.controller';

@Module({
  imports: [ProceduresModule, CalendarModule],
  controllers: [DossiersController, EligibilityController],
  providers: [DossiersService, DossierLedger],
  exports: [DossiersService, DossierLedger],
})
export class DossiersModule {}
