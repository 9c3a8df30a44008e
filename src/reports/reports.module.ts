import { Module } from '@nestjs/common';
import { ProcessingReportService } from './processing-report.service';

/** The processing report; its HTTP routes are ReportsApiModule's, so the CLI loads no controller. */
@Module({ providers: [ProcessingReportService], exports: [ProcessingReportService] })
export class ReportsModule {}
