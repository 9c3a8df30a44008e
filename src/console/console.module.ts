import { Module } from '@nestjs/common';
import { ApologiesModule } from '../apologies/apologies.module';
import { CalendarModule } from '../calendar/calendar.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { DocumentsModule } from '../documents/documents.module';
import { DossiersModule } from '../dossiers/dossiers.module';
import { AuthGuard } from '../auth/auth.guard';
import { AuthModule } from '../auth/auth.module';
import { ReportReadsModule } from '../reports/report-reads';
import { ConsoleSessionService } from './console-session.service';
import { ConsoleController } from './console.controller';
import { ConsoleService } from './console.service';

/**
 * The supervision console at /console. Its sign-in checks tokens with the API's guard (its own
 * instance, so console sign-in failures are limited per address like the API's).
 */
@Module({
  imports: [AuthModule, ReportReadsModule, CalendarModule, DeadlinesModule, ApologiesModule, DocumentsModule, DossiersModule],
  controllers: [ConsoleController],
  providers: [AuthGuard, ConsoleSessionService, ConsoleService],
})
export class ConsoleModule {}
