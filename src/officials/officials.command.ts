import { Command, SubCommand } from 'nest-commander';
import { CliContext, CommandGroup } from '../cli-context';
import { DirectoryImportService, OFFICIAL_COLUMNS } from './directory-import.service';
import { ImportCommand } from './import-command';

@SubCommand({
  name: 'import',
  arguments: '<file>',
  description: `upsert officials by id_number from a CSV with the header ${OFFICIAL_COLUMNS.join(',')}`,
})
export class OfficialsImportCommand extends ImportCommand {
  protected readonly what = 'officials';

  constructor(
    private readonly directory: DirectoryImportService,
    cli: CliContext,
  ) {
    super(cli);
  }

  protected importCsv(csv: string, strict: boolean) {
    return this.directory.importOfficials(csv, { strict });
  }
}

@Command({ name: 'officials', description: 'officials of the units', subCommands: [OfficialsImportCommand] })
export class OfficialsCommand extends CommandGroup {}
