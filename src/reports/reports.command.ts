import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { Command, Option, SubCommand } from 'nest-commander';
import { CliContext, CliFailure, CommandGroup, JsonCommand, type JsonOption } from '../cli/cli-context';
import { invalid } from '../common/domain-error';
import { flattenErrors } from '../common/validation';
import { processingReportCsv } from './processing-report.csv';
import { ProcessingReportQuery } from './processing-report.query';
import type { ProcessingReport } from './processing-report';
import { ProcessingReportService } from './processing-report.service';

type ProcessingOptions = JsonOption & { from?: string; to?: string; groupBy?: string; procedure?: string; lang?: string; csv?: boolean };

@SubCommand({
  name: 'processing',
  description: 'the processing report of a period (the same as GET /api/v1/reports/processing): --csv for a spreadsheet, --json for the JSON answer',
})
export class ReportsProcessingCommand extends JsonCommand<ProcessingOptions> {
  constructor(
    private readonly reports: ProcessingReportService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: ProcessingOptions): Promise<void> {
    if (options.csv && options.json) throw new CliFailure('--csv and --json are two ways to print the report: choose one');
    // The same checks as the HTTP query.
    const query = plainToInstance(ProcessingReportQuery, {
      from: options.from,
      to: options.to,
      groupBy: options.groupBy ?? 'unit',
      procedure: options.procedure,
      lang: options.lang,
    });
    const errors = await validate(query, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length) throw invalid('VALIDATION_FAILED', flattenErrors(errors).map(asFlag));
    const report = await this.reports.report(query, new Date());
    if (options.csv) {
      this.cli.streams.out(processingReportCsv(report, query.lang));
      this.cli.resultPrinted = true;
      return;
    }
    this.cli.result(options.json, report, () => readable(report));
  }

  @Option({ flags: '--from <date>', description: 'start of the period: YYYY-MM-DD (Vietnam time) or an ISO 8601 instant (default: the first dossier)' })
  parseFrom(value: string): string {
    return value;
  }

  @Option({ flags: '--to <date>', description: 'end of the period: YYYY-MM-DD (that day included) or an ISO 8601 instant (excluded) (default: now)' })
  parseTo(value: string): string {
    return value;
  }

  @Option({ flags: '--group-by <group>', description: 'unit (default), procedure, official or step' })
  parseGroupBy(value: string): string {
    return value;
  }

  @Option({ flags: '--procedure <code>', description: 'only the dossiers of this procedure' })
  parseProcedure(value: string): string {
    return value;
  }

  @Option({ flags: '--lang <lang>', description: 'CSV headings: vi (default) or en' })
  parseLang(value: string): string {
    return value;
  }

  @Option({ flags: '--csv', description: 'print the report as CSV (UTF-8 with BOM, a totals row)' })
  parseCsv(): boolean {
    return true;
  }
}

/** "groupBy must be one of …" → "--group-by must be one of …". */
function asFlag(message: string): string {
  return message.replace(/^groupBy\b/, '--group-by').replace(/^(from|to|procedure|lang)\b/, '--$1');
}

function readable(r: ProcessingReport): string {
  const t = r.totals;
  const lines = [
    `processing report by ${r.groupBy}, ${r.from ?? 'the beginning'} to ${r.to ?? 'now'}${r.procedure ? `, ${r.procedure}` : ''}:`,
    `  carried over ${t.carriedOver}, received ${t.received}; finished early ${t.finishedEarly}, on time ${t.finishedOnTime}, ` +
      `late with apology ${t.finishedLateWithApology}, late ${t.finishedLate}; in progress ${t.inProgressWithinTime} within time, ` +
      `${t.inProgressOverdue} overdue; withdrawn ${t.withdrawn}, rejected ${t.rejected}; overdue now ${t.overdueNow}`,
    ...r.rows.map(
      (row) =>
        `  ${row.key ?? '(none)'}${row.name ? ` ${row.name}` : ''}: carried ${row.carriedOver}, received ${row.received}, ` +
        `early ${row.finishedEarly}, on time ${row.finishedOnTime}, late with apology ${row.finishedLateWithApology}, late ${row.finishedLate}, ` +
        `in progress ${row.inProgress} (${row.inProgressOverdue} overdue), withdrawn ${row.withdrawn}, rejected ${row.rejected}; ` +
        `steps ${row.stepsFinished} (${row.stepsFinishedLate} late, median ${row.medianWorkingHours ?? '-'} h)`,
    ),
  ];
  return lines.join('\n');
}

@Command({ name: 'reports', description: 'processing reports', subCommands: [ReportsProcessingCommand] })
export class ReportsCommand extends CommandGroup {}
