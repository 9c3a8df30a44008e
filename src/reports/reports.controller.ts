import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems';
import type { Request, Response } from 'express';
import { Clock } from '../common/clock';
import { AllowedKinds } from '../common/auth.decorators';
import { toCsv } from './csv';
import { ProcessingReportQuery } from './processing-report.query';
import { COUNT_COLUMNS, ProcessingReportService } from './processing-report.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ProcessingReportService,
    private readonly clock: Clock,
  ) {}

  @Get('processing')
  @AllowedKinds('admin')
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: 'Dossiers received in the period: received, in progress, done on time / late, overdue now, rejected; JSON or CSV' })
  @ApiOkResponse({ description: 'The report, as JSON or (Accept: text/csv) CSV' })
  @ApiProblems(400, 401, 403, 429)
  async processing(@Query() query: ProcessingReportQuery, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const report = await this.reports.report(query, this.clock.now());
    if (req.accepts(['application/json', 'text/csv']) !== 'text/csv') return report;
    res.type('text/csv; charset=utf-8');
    res.attachment(`processing-by-${report.groupBy}.csv`);
    return toCsv(
      [report.groupBy, 'name', ...COUNT_COLUMNS],
      report.rows.map((r) => [r.key, r.name, ...COUNT_COLUMNS.map((c) => r[c])]),
    );
  }
}
