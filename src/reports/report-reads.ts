import { Injectable, Module } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { ReadReplica } from '../database/read-replica';
import { ProcessingReportService } from './processing-report.service';
import { ReportsModule } from './reports.module';

/** The processing report as served over HTTP: from the replica when it is fresh enough, with how fresh it is. */
@Injectable()
export class ReportReads {
  constructor(
    private readonly reports: ProcessingReportService,
    private readonly reads: ReadReplica,
  ) {}

  /** `db`: where the report was read, for the other reads of the same page (the console's lists). */
  async source(): Promise<{ reports: ProcessingReportService; db: DataSource; asOf: Date }> {
    const { db, asOf } = await this.reads.source();
    return { reports: this.reports.on(db), db, asOf };
  }
}

/** For the report's routes and the console (not the CLI, which reads the primary). */
@Module({ imports: [ReportsModule], providers: [ReportReads], exports: [ReportReads] })
export class ReportReadsModule {}
