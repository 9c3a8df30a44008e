import { Module } from '@nestjs/common';
import { RegisterService } from './register.service';
import { ReportsController } from './reports.controller';
import { ReportReadsModule } from './report-reads';
import { ReportsModule } from './reports.module';

/** The reports' routes and the register (form 06), whose documents only the service renders. */
@Module({ imports: [ReportsModule, ReportReadsModule], controllers: [ReportsController], providers: [RegisterService] })
export class ReportsApiModule {}
