import { Module } from '@nestjs/common';
import { ProcessingReportService } from './processing-report.service';
import { ReportsController } from './reports.controller';

@Module({ controllers: [ReportsController], providers: [ProcessingReportService], exports: [ProcessingReportService] })
export class ReportsModule {}
