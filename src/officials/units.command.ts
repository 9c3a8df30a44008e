import { Command, SubCommand } from 'nest-commander';
import { CliContext, CommandGroup } from '../cli-context';
import { DirectoryImportService, UNIT_COLUMNS, type UnitsImportReport } from './directory-import.service';
import { ImportCommand } from './import-command';

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

  protected importCsv(csv: string, strict: boolean) {
    return this.directory.importUnits(csv, { strict, actor: this.cli.actor });
  }

  protected changes(report: UnitsImportReport): string {
    return `; ${report.changed} changed kind or area (${report.grantsRevoked} grant(s) that no longer fit revoked)`;
  }
}

@Command({ name: 'units', description: 'agency units (BHXH, UBND, NHCSXH, Sở LĐTBXH)', subCommands: [UnitsImportCommand] })
export class UnitsCommand extends CommandGroup {}
