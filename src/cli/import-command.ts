import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CsvEncodingError, CsvSyntaxError, decodeCsv } from '../common/csv-import';
import type { ImportReport, SpreadsheetImportOptions } from '../common/spreadsheet-import';
import { CliFailure } from './cli-context';
import { command, type CommandRun, type CommandSpec } from './command';

/** Files longer than this show their progress on a terminal. */
const PROGRESS_FROM_LINES = 1000;

/** The text of an import file, or the failure that explains why it cannot be read (nothing written). */
export async function readCsvFile(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new CliFailure(`cannot read ${file}: ${(error as Error).message}`, 'FILE_UNREADABLE');
  }
  try {
    return decodeCsv(bytes);
  } catch (error) {
    if (error instanceof CsvEncodingError) throw new CliFailure(`${file}: ${error.message}`, 'CSV_NOT_UTF8');
    throw error;
  }
}

export const summaryLine = (what: string, r: ImportReport) =>
  `${what}: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected.length} rejected`;

export interface ImportSpec<R extends ImportReport> {
  /** What the lines are, for the summary: units, officials, grants. */
  what: string;
  description: string;
  write(run: CommandRun, csv: string, options: SpreadsheetImportOptions): Promise<R>;
  /** What the import took away beyond the rows themselves (moves, grants, tokens), for the summary line. */
  changes?(report: R): string;
}

/** `units import`, `officials import`, `permissions import`: read the file, write it, report each rejected line. */
export function importCommand<R extends ImportReport>(spec: ImportSpec<R>): CommandSpec {
  return command<{ strict?: boolean }>({
    name: 'import',
    arguments: '<file>',
    description: spec.description,
    options: [{ flags: '--strict', description: 'write nothing when any line is rejected' }],
    async run(run, options, [file]) {
      const { cli } = run;
      const csv = await readCsvFile(file);
      const strict = options.strict === true;
      let report: R;
      try {
        report = await spec.write(run, csv, { strict, actor: cli.actor, source: basename(file), onProgress: progress(run, spec.what, csv, options.json) });
      } catch (error) {
        if (error instanceof CsvSyntaxError) throw new CliFailure(`${file} ${error.message}`, 'CSV_INVALID');
        throw error;
      } finally {
        cli.endProgress();
      }
      const readable = () => [`${summaryLine(spec.what, report)}${spec.changes?.(report) ?? ''}`, ...report.rejected.map((r) => `  line ${r.line}: ${r.errors.join('; ')}`)].join('\n');
      if (strict && report.rejected.length) {
        // The lines first (stdout), then the failure; with --json the failure is the one object, the lines in it.
        if (!options.json) cli.result(false, report, readable);
        const summary: ImportReport = report;
        throw new CliFailure(`--strict: nothing written, ${report.rejected.length} line(s) of ${file} rejected`, 'IMPORT_REJECTED', { ...summary });
      }
      cli.result(options.json, report, readable);
      if (report.rejected.length) cli.warn(`${report.rejected.length} line(s) of ${file} rejected; the other lines were written`);
    },
  });
}

/** A progress line on a terminal for a long file; nothing with --json or when stderr is redirected. */
function progress(run: CommandRun, what: string, csv: string, json: boolean | undefined): SpreadsheetImportOptions['onProgress'] {
  if (json || !run.cli.interactive) return undefined;
  if (csv.split('\n').length <= PROGRESS_FROM_LINES) return undefined;
  return (done, total) => {
    if (done % 250 === 0 || done === total) run.cli.progress(`${what}: ${done} / ${total} lines written`);
  };
}
