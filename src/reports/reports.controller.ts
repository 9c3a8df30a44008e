import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiProblems } from '../common/api-problems';
import { DATA_AS_OF, DataAsOfHeader } from '../common/data-as-of';
import { ProcessingReportDto } from './dto/processing-report.dto';
import { RegisterDto } from './dto/register.dto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../common/clock';
import { AllowedKinds } from '../common/auth.decorators';
import { preferredType } from '../common/content-negotiation';
import { CurrentPrincipal, type Principal } from '../common/principal';
import { DOCUMENT_FORMATS } from '../common/api-responses';
import { renderHtml } from '../documents/html';
import { renderPdf } from '../documents/pdf';
import { registerCsv } from './register.csv';
import { RegisterQuery } from './register.query';
import { RegisterService } from './register.service';
import { processingReportCsv } from './processing-report.csv';
import { ProcessingReportQuery } from './processing-report.query';
import { ReportReads } from './report-reads';

@ApiTags('reports')
@ApiBearerAuth()
@ApiExtraModels(ProcessingReportDto, RegisterDto)
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly registers: RegisterService,
    private readonly clock: Clock,
    private readonly reads: ReportReads,
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
    headers: DataAsOfHeader,
  })
  @ApiProblems(400, 401, 403, 429)
  async processing(@Query() query: ProcessingReportQuery, @Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply) {
    const { reports, asOf } = await this.reads.source();
    res.header(DATA_AS_OF, asOf.toISOString());
    const report = { ...(await reports.report(query, this.clock.now())), asOf: asOf.toISOString() };
    if (preferredType(req, ['application/json', 'text/csv']) !== 'text/csv') return report;
    res.type('text/csv; charset=utf-8');
    res.header('Content-Disposition', `attachment; filename="processing-by-${report.groupBy}.csv"`);
    return processingReportCsv(report, query.lang, query.results !== 'false');
  }

  @Get('register')
  @AllowedKinds('admin', 'official')
  @ApiOperation({
    operationId: 'getDossierRegister',
    summary: 'The dossier register of a unit for a period (form 06 of Circular 01/2018/TT-VPCP): JSON, CSV, HTML or PDF',
    description:
      'Admins read any unit\'s register, an official their own unit\'s (403 REPORT_UNIT_FORBIDDEN otherwise). `from` and `to` are Vietnam days, both included, at most 366 days apart (400 REPORT_PERIOD_INVALID); an unknown unit is 404 REPORT_UNIT_NOT_FOUND. ' +
      'One line per dossier the unit received in the period, in the order of receipt: its code, procedure, applicant, the competent agency, when the unit received it (the portal\'s submission for the receiving unit, as forms 01 and 05 state it), the appointed return date, when it was handed on, when the result came back and was returned, and a note. ' +
      'With `Accept: text/csv` the form\'s columns as CSV (UTF-8 with BOM, Vietnamese headings); `text/html` the form, print-ready (A4 landscape); `application/pdf` the same as a PDF.',
  })
  @ApiOkResponse({
    description: 'The register as JSON, CSV, HTML or PDF',
    content: { 'application/json': { schema: { $ref: getSchemaPath(RegisterDto) } }, 'text/csv': { schema: { type: 'string' } }, ...DOCUMENT_FORMATS },
  })
  @ApiProblems(400, 401, 403, 404, 429)
  async register(@Query() query: RegisterQuery, @CurrentPrincipal() principal: Principal, @Req() req: FastifyRequest, @Res({ passthrough: true }) res: FastifyReply) {
    const now = this.clock.now();
    const register = await this.registers.register(query.unit, query.from, query.to, principal, now);
    const kind = preferredType(req, ['application/json', 'text/csv', 'text/html', 'application/pdf']);
    const name = `so-theo-doi-${register.unit.code}-${register.from}-${register.to}`.replace(/[^A-Za-z0-9._-]/g, '_');
    if (kind === 'text/csv') {
      res.type('text/csv; charset=utf-8');
      res.header('Content-Disposition', `attachment; filename="${name}.csv"`);
      return registerCsv(register);
    }
    if (kind === 'text/html' || kind === 'application/pdf') {
      const doc = await this.registers.document(register, now);
      if (kind === 'text/html') {
        res.type('text/html; charset=utf-8');
        return renderHtml(doc);
      }
      res.type('application/pdf');
      res.header('Content-Disposition', `inline; filename="${name}.pdf"`);
      return renderPdf(doc);
    }
    return register;
  }
}
