import { readFile } from 'node:fs/promises';
import { Option } from 'nest-commander';
import { CliContext, CliFailure, JsonCommand, type JsonOption } from '../cli-context';
import { CsvSyntaxError } from './csv';
import type { ImportReport } from './directory-import.service';

export type ImportOptions = JsonOption & { strict?: boolean };

/** `units import` and `officials import`: read the file, upsert, report each rejected line. */
export abstract class ImportCommand extends JsonCommand<ImportOptions> {
  protected abstract readonly what: string;
  protected abstract importCsv(csv: string, strict: boolean): Promise<ImportReport>;
  /** What the import took away beyond the rows themselves (moves, grants, tokens), for the summary line. */
  protected abstract changes(report: ImportReport): string;

  constructor(protected readonly cli: CliContext) {
    super();
  }

  async run([file]: string[], options: ImportOptions): Promise<void> {
    let csv: string;
    try {
      csv = await readFile(file, 'utf8');
    } catch (error) {
      throw new CliFailure(`cannot read ${file}: ${(error as Error).message}`);
    }
    let report: ImportReport;
    try {
      report = await this.importCsv(csv, options.strict === true);
    } catch (error) {
      if (error instanceof CsvSyntaxError) throw new CliFailure(`${file} ${error.message}`);
      throw error;
    }
    this.cli.result(options.json, report, () =>
      [
        `${this.what}: ${report.created} created, ${report.updated} updated, ${report.rejected.length} rejected${this.changes(report)}`,
        ...report.rejected.map((r) => `  line ${r.line}: ${r.errors.join('; ')}`),
      ].join('\n'),
    );
    if (!report.rejected.length) return;
    if (options.strict) throw new CliFailure(`--strict: nothing written, ${report.rejected.length} line(s) of ${file} rejected`);
    this.cli.warn(`${report.rejected.length} line(s) of ${file} rejected; the other lines were written`);
  }

  @Option({ flags: '--strict', description: 'write nothing when any line is rejected' })
  parseStrict(): boolean {
    return true;
  }
}
