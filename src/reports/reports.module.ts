import { Module } from '@nestjs/common';
import { ProcessingReportService } from './processing-report.service';
import { RegisterService } from './register.service';
import { ReportsController } from './reports.controller';

@Module({ controllers: [ReportsController], providers: [ProcessingReportService, RegisterService], exports: [ProcessingReportService] })
export class ReportsModule {}
