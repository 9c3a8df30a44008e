import { CliFailure } from '../cli/cli-context';
import { command, type CommandGroup } from '../cli/command';
import type { ProcessingReport } from './processing-report';
import type { ProcessingReportService } from './processing-report.service';

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

export const REPORTS_COMMANDS: CommandGroup = {
  name: 'reports',
  description: 'processing reports',
  commands: [
    command<{ from?: string; to?: string; groupBy?: string; procedure?: string; lang?: string; results?: string; csv?: boolean }>({
      name: 'processing',
      description: 'the processing report of a period (the same as GET /api/v1/reports/processing): --csv for a spreadsheet, --json for the JSON answer',
      options: [
        { flags: '--from <date>', description: 'start of the period: YYYY-MM-DD (Vietnam time) or an ISO 8601 instant (default: the first dossier)' },
        { flags: '--to <date>', description: 'end of the period: YYYY-MM-DD (that day included) or an ISO 8601 instant (excluded) (default: now)' },
        { flags: '--group-by <group>', description: 'unit (default), procedure, official or step' },
        { flags: '--procedure <code>', description: 'only the dossiers of this procedure' },
        { flags: '--lang <lang>', description: 'CSV headings: vi (default) or en' },
        { flags: '--results <bool>', description: 'CSV: true (default) adds the result columns after the others; false leaves them out' },
        { flags: '--csv', description: 'print the report as CSV (UTF-8 with BOM, a totals row)' },
      ],
      async run(run, o) {
        if (o.csv && o.json) throw new CliFailure('--csv and --json are two ways to print the report: choose one');
        // The same checks as the HTTP query.
        const [{ plainToInstance }, { validate }, { invalid }, { flattenErrors }, { ProcessingReportQuery }] = await Promise.all([
          import('class-transformer'),
          import('class-validator'),
          import('../common/domain-error.js'),
          import('../common/validation.js'),
          import('./processing-report.query.js'),
        ]);
        const query = plainToInstance(ProcessingReportQuery, { from: o.from, to: o.to, groupBy: o.groupBy ?? 'unit', procedure: o.procedure, lang: o.lang, results: o.results });
        const errors = await validate(query, { whitelist: true, forbidNonWhitelisted: true });
        if (errors.length) throw invalid('VALIDATION_FAILED', flattenErrors(errors).map(asFlag));
        const reports = await run.service<ProcessingReportService>(async () => (await import('./processing-report.service.js')).ProcessingReportService);
        const report = await reports.report(query, new Date());
        if (o.csv) {
          const { processingReportCsv } = await import('./processing-report.csv.js');
          run.cli.streams.out(processingReportCsv(report, query.lang, query.results !== 'false'));
          run.cli.resultPrinted = true;
          return;
        }
        run.cli.result(o.json, report, () => readable(report));
      },
    }),
  ],
};
