import type { SpreadsheetImportOptions } from '../common/spreadsheet-import';
import { Command, SubCommand } from 'nest-commander';
import { CliContext, CommandGroup, JsonCommand, type JsonOption, textTable } from '../cli/cli-context';
import { DirectoryImportService, UNIT_COLUMNS, type UnitsImportReport } from './directory-import.service';
import { DirectoryListService } from './directory-list.service';
import { ImportCommand } from '../cli/import-command';

@SubCommand({
  name: 'import',
  arguments: '<file>',
  description: `upsert units by code from a CSV with the header ${UNIT_COLUMNS.join(',')}`,
})
export class UnitsImportCommand extends ImportCommand {
  protected readonly what = 'units';

  constructor(
    private readonly directory: DirectoryImportService,
    cli: CliContext,
  ) {
    super(cli);
  }

  protected importCsv(csv: string, options: SpreadsheetImportOptions) {
    return this.directory.importUnits(csv, options);
  }

  protected changes(report: UnitsImportReport): string {
    return `; ${report.changed} changed kind or area (${report.grantsRevoked} grant(s) that no longer fit revoked)`;
  }
}

@SubCommand({ name: 'list', description: 'the units, with their number of active officials' })
export class UnitsListCommand extends JsonCommand {
  constructor(
    private readonly directory: DirectoryListService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: JsonOption): Promise<void> {
    const units = await this.directory.units();
    this.cli.result(options.json, { units }, () =>
      units.length
        ? textTable(
            ['code', 'kind', 'province', 'district', 'officials', 'name'],
            units.map((u) => [u.code, u.kind, u.provinceCode, u.districtCode, u.officials, u.name]),
          )
        : 'no units (units import FILE.csv adds them)',
    );
  }
}

@Command({ name: 'units', description: 'agency units (BHXH, UBND, NHCSXH, Sở LĐTBXH)', subCommands: [UnitsImportCommand, UnitsListCommand] })
export class UnitsCommand extends CommandGroup {}
