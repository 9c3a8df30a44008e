import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Option } from 'nest-commander';
import { CliContext, CliFailure, JsonCommand, type JsonOption } from './cli-context';
import { CsvEncodingError, CsvSyntaxError, decodeCsv } from '../common/csv-import';
import type { ImportReport, SpreadsheetImportOptions } from '../common/spreadsheet-import';

export type ImportOptions = JsonOption & { strict?: boolean };

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

/** `units import`, `officials import`, `permissions import`: read the file, write it, report each rejected line. */
export abstract class ImportCommand extends JsonCommand<ImportOptions> {
  protected abstract readonly what: string;
  protected abstract importCsv(csv: string, options: SpreadsheetImportOptions): Promise<ImportReport>;
  /** What the import took away beyond the rows themselves (moves, grants, tokens), for the summary line. */
  protected changes(_report: ImportReport): string {
    return '';
  }

  constructor(protected readonly cli: CliContext) {
    super();
  }

  async run([file]: string[], options: ImportOptions): Promise<void> {
    const csv = await readCsvFile(file);
    const strict = options.strict === true;
    let report: ImportReport;
    try {
      report = await this.importCsv(csv, { strict, actor: this.cli.actor, source: basename(file), onProgress: this.progress(csv, options) });
    } catch (error) {
      if (error instanceof CsvSyntaxError) throw new CliFailure(`${file} ${error.message}`, 'CSV_INVALID');
      throw error;
    } finally {
      this.cli.endProgress();
    }
    const readable = () => [`${summaryLine(this.what, report)}${this.changes(report)}`, ...report.rejected.map((r) => `  line ${r.line}: ${r.errors.join('; ')}`)].join('\n');
    if (strict && report.rejected.length) {
      // The lines first (stdout), then the failure; with --json the failure is the one object, the lines in it.
      if (!options.json) this.cli.result(false, report, readable);
      throw new CliFailure(`--strict: nothing written, ${report.rejected.length} line(s) of ${file} rejected`, 'IMPORT_REJECTED', { ...report });
    }
    this.cli.result(options.json, report, readable);
    if (report.rejected.length) this.cli.warn(`${report.rejected.length} line(s) of ${file} rejected; the other lines were written`);
  }

  /** A progress line on a terminal for a long file; nothing with --json or when stderr is redirected. */
  private progress(csv: string, options: ImportOptions): SpreadsheetImportOptions['onProgress'] {
    if (options.json || !this.cli.interactive) return undefined;
    if (csv.split('\n').length <= PROGRESS_FROM_LINES) return undefined;
    return (done, total) => {
      if (done % 250 === 0 || done === total) this.cli.progress(`${this.what}: ${done} / ${total} lines written`);
    };
  }

  @Option({ flags: '--strict', description: 'write nothing when any line is rejected' })
  parseStrict(): boolean {
    return true;
  }
}
