import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems';
import { ProcessingReportDto } from './dto/processing-report.dto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../common/clock';
import { AllowedKinds } from '../common/auth.decorators';
import { preferredType } from '../common/content-negotiation';
import { processingReportCsv } from './processing-report.csv';
import { ProcessingReportQuery } from './processing-report.query';
import { ProcessingReportService } from './processing-report.service';

@ApiTags('reports')
@ApiBearerAuth()
@ApiExtraModels(ProcessingReportDto)
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ProcessingReportService,
    private readonly clock: Clock,
  ) {}

  @Get('processing')
  @AllowedKinds('admin')
  @ApiOperation({
    operationId: 'getProcessingReport',
    summary:
      'The dossiers open in the period, per unit, procedure, official or step: carried over, received, finished early / on time / late with apology / late, ' +
      'in progress within time / overdue, withdrawn, rejected; the steps finished, finished late, hand-overs received late, median and 90th-percentile office hours; JSON or CSV',
    description: 'Admin only. The period is `[from, to)`: Vietnam days `YYYY-MM-DD` (`to` included) or ISO instants, both optional; `groupBy` is unit (default), procedure, official or step. Each dossier open in the period falls in exactly one outcome at its end, so in every row `carriedOver + received` is the sum of the outcomes. On time is judged against the legal appointed return date. With `Accept: text/csv` the rows come as CSV.',
  })
  @ApiOkResponse({
    description: 'The report, as JSON or (Accept: text/csv) CSV: UTF-8 with BOM, Vietnamese headings unless lang=en, a totals row',
    content: { 'application/json': { schema: { $ref: getSchemaPath(ProcessingReportDto) } }, 'text/csv': { schema: { type: 'string' } } },
  })
  @ApiProblems(400, 401, 403, 429)
  async processing(@Query() query: ProcessingReportQuery, @Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply) {
    const report = await this.reports.report(query, this.clock.now());
    if (preferredType(req, ['application/json', 'text/csv']) !== 'text/csv') return report;
    res.type('text/csv; charset=utf-8');
    res.header('Content-Disposition', `attachment; filename="processing-by-${report.groupBy}.csv"`);
    return processingReportCsv(report, query.lang);
  }
}
