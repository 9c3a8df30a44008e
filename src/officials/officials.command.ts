import { Injectable } from '@nestjs/common';
import { Command, Option, SubCommand } from 'nest-commander';
import { CliContext, CommandGroup, JsonCommand, type JsonOption } from '../cli-context';
import { DirectoryImportService, OFFICIAL_COLUMNS, type OfficialsImportReport } from './directory-import.service';
import { ImportCommand } from './import-command';
import { type OfficialStatus, OfficialStatusService } from './official-status.service';
import { OfficialsMoveCommand } from './move.command';
import { OfficialsSignerCommand } from './signer.command';

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
    return this.directory.importOfficials(csv, { strict, actor: this.cli.actor });
  }

  protected changes(report: OfficialsImportReport): string {
    return `; ${report.moved} moved to another unit (${report.grantsRevoked} grant(s), ${report.tokensRevoked} token(s) revoked)`;
  }
}

type StatusOptions = JsonOption & { official: string };

/** `officials activate|deactivate --official ID_NUMBER`. */
@Injectable() // emits the constructor's parameter types, which the two subclasses inherit for injection
abstract class OfficialStatusCommand extends JsonCommand<StatusOptions> {
  protected abstract readonly active: boolean;

  constructor(
    private readonly status: OfficialStatusService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: StatusOptions): Promise<void> {
    const result: OfficialStatus = await this.status.setActive(options.official, this.active, this.cli.actor);
    const state = result.active ? 'active' : 'inactive';
    this.cli.result(options.json, result, () => `${result.fullName} (${result.official}, ${result.unitCode}): ${result.changed ? 'now' : 'already'} ${state}`);
  }

  @Option({ flags: '--official <idNumber>', description: "the official's ID number (CCCD/CMND)", required: true })
  parseOfficial(value: string): string {
    return value;
  }
}

@SubCommand({ name: 'deactivate', description: "stop an official's token at the next request (left the unit); grants and history stay" })
export class OfficialsDeactivateCommand extends OfficialStatusCommand {
  protected readonly active = false;
}

@SubCommand({ name: 'activate', description: 'let a deactivated official act again' })
export class OfficialsActivateCommand extends OfficialStatusCommand {
  protected readonly active = true;
}

@Command({
  name: 'officials',
  description: 'officials of the units',
  subCommands: [OfficialsImportCommand, OfficialsDeactivateCommand, OfficialsActivateCommand, OfficialsSignerCommand, OfficialsMoveCommand],
})
export class OfficialsCommand extends CommandGroup {}
