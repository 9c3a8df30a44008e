import type { SpreadsheetImportOptions } from '../common/spreadsheet-import';
import { Injectable } from '@nestjs/common';
import { Command, Option, SubCommand } from 'nest-commander';
import { CliContext, CommandGroup, JsonCommand, type JsonOption, textTable } from '../cli/cli-context';
import { DirectoryImportService, OFFICIAL_COLUMNS, type OfficialsImportReport } from './directory-import.service';
import { DirectoryListService } from './directory-list.service';
import { ImportCommand } from '../cli/import-command';
import { type OfficialStatus, OfficialStatusService } from './official-status.service';
import { OfficialsMoveCommand } from './move.command';
import { OfficialsSignerCommand } from './signer.command';

@SubCommand({
  name: 'import',
  arguments: '<file>',
  description: `upsert officials by id_number from a CSV with the header ${OFFICIAL_COLUMNS.join(',')} (and optionally may_sign)`,
})
export class OfficialsImportCommand extends ImportCommand {
  protected readonly what = 'officials';

  constructor(
    private readonly directory: DirectoryImportService,
    cli: CliContext,
  ) {
    super(cli);
  }

  protected importCsv(csv: string, options: SpreadsheetImportOptions) {
    return this.directory.importOfficials(csv, options);
  }

  protected changes(report: OfficialsImportReport): string {
    return `; ${report.moved} moved to another unit (${report.grantsRevoked} grant(s), ${report.tokensRevoked} token(s) revoked)`;
  }
}

type ListOptions = JsonOption & { unit?: string; inactive?: boolean };

@SubCommand({ name: 'list', description: 'the active officials (--inactive: the deactivated too), of one unit or all' })
export class OfficialsListCommand extends JsonCommand<ListOptions> {
  constructor(
    private readonly directory: DirectoryListService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: ListOptions): Promise<void> {
    const officials = await this.directory.officials(options);
    this.cli.result(options.json, { officials }, () =>
      officials.length
        ? textTable(
            ['unit', 'id_number', 'phone', 'status', 'signs', 'grants', 'full_name'],
            officials.map((o) => [o.unitCode, o.idNumber, o.phone, o.active ? 'active' : 'inactive', o.maySign ? 'yes' : '', o.grants, o.fullName]),
          )
        : 'no officials',
    );
  }

  @Option({ flags: '--unit <code>', description: 'only the officials of this unit' })
  parseUnit(value: string): string {
    return value;
  }

  @Option({ flags: '--inactive', description: 'list the deactivated officials too' })
  parseInactive(): boolean {
    return true;
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

@SubCommand({ name: 'deactivate', description: "stop an official's token within a second (left the unit); grants and history stay" })
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
  subCommands: [OfficialsImportCommand, OfficialsListCommand, OfficialsDeactivateCommand, OfficialsActivateCommand, OfficialsSignerCommand, OfficialsMoveCommand],
})
export class OfficialsCommand extends CommandGroup {}
