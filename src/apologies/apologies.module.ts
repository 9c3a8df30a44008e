import { Module } from '@nestjs/common';
import { CalendarModule } from '../calendar/calendar.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { DossiersModule } from '../dossiers/dossiers.module';
import { ApologiesController } from './apologies.controller';
import { ApologiesService } from './apologies.service';

/** Apology letters (form 04): they move a dossier's return date through the dossiers' ledger and settle its alerts. */
@Module({
  imports: [CalendarModule, DossiersModule, DeadlinesModule],
  controllers: [ApologiesController],
  providers: [ApologiesService],
  exports: [ApologiesService],
})
export class ApologiesModule {}
