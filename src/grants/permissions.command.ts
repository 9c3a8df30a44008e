import { Injectable } from '@nestjs/common';
import { Command, Option, SubCommand } from 'nest-commander';
import { CliContext, CliFailure, CommandGroup, JsonCommand, type JsonOption, textTable } from '../cli/cli-context';
import { toCsv } from '../common/csv';
import type { SpreadsheetImportOptions } from '../common/spreadsheet-import';
import { GRANT_COLUMNS, GrantImportService } from './grant-import.service';
import { ImportCommand } from '../cli/import-command';
import { type GrantView, GrantsService } from './grants.service';

type GrantOptions = JsonOption & { official: string; procedure: string; step: string };

const grantLine = (g: GrantView) => `${g.procedure} / ${g.step} for ${g.fullName} (${g.official}, ${g.unitCode})`;

/** --official, --procedure and --step, shared by grant and revoke. */
@Injectable() // emits the constructor's parameter types, which the two subclasses inherit for injection
abstract class GrantFlags extends JsonCommand<GrantOptions> {
  constructor(
    protected readonly grants: GrantsService,
    protected readonly cli: CliContext,
  ) {
    super();
  }

  protected input(options: GrantOptions) {
    return { idNumber: options.official, procedureCode: options.procedure, step: options.step };
  }

  @Option({ flags: '--official <idNumber>', description: "the official's ID number (CCCD/CMND)", required: true })
  parseOfficial(value: string): string {
    return value;
  }

  @Option({ flags: '--procedure <code>', description: 'unpaid-leave-support or wage-loan-support', required: true })
  parseProcedure(value: string): string {
    return value;
  }

  @Option({ flags: '--step <step>', description: 'e.g. insurance-confirmation, district-appraisal', required: true })
  parseStep(value: string): string {
    return value;
  }
}

@SubCommand({ name: 'grant', description: 'let an official act on one step of one procedure' })
export class PermissionsGrantCommand extends GrantFlags {
  async run(_args: string[], options: GrantOptions): Promise<void> {
    const result = await this.grants.grant(this.input(options), this.cli.actor);
    this.cli.result(options.json, result, () => `${result.created ? 'granted' : 'already granted'}: ${grantLine(result.grant)}`);
  }
}

@SubCommand({ name: 'revoke', description: 'take one step of one procedure away from an official' })
export class PermissionsRevokeCommand extends GrantFlags {
  async run(_args: string[], options: GrantOptions): Promise<void> {
    const result = await this.grants.revoke(this.input(options), this.cli.actor);
    this.cli.result(options.json, result, () => `revoked: ${grantLine(result.revoked)}`);
  }
}

type ListOptions = JsonOption & { official?: string; csv?: boolean };

/** The columns of `permissions list --csv`; the first three are what `permissions import` reads. */
const LIST_COLUMNS = ['official_id', 'full_name', 'unit_code', 'procedure', 'step', 'granted_at'];

@SubCommand({ name: 'list', description: 'list grants, of one official or of all (a table, --csv or --json)' })
export class PermissionsListCommand extends JsonCommand<ListOptions> {
  constructor(
    private readonly grants: GrantsService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: ListOptions): Promise<void> {
    if (options.csv && options.json) throw new CliFailure('give --csv or --json, not both', 'CLI_USAGE');
    const grants = await this.grants.list(options.official);
    const rows = grants.map((g) => [g.official, g.fullName, g.unitCode, g.procedure, g.step, g.grantedAt]);
    if (options.csv) {
      // UTF-8 with a BOM, so that Excel shows the Vietnamese names; importable back with `permissions import`.
      this.cli.streams.out(`\uFEFF${toCsv(LIST_COLUMNS, rows)}`);
      this.cli.resultPrinted = true;
      return;
    }
    this.cli.result(options.json, { grants }, () => (grants.length ? textTable(LIST_COLUMNS, rows) : 'no grants'));
  }

  @Option({ flags: '--official <idNumber>', description: "only this official's grants" })
  parseOfficial(value: string): string {
    return value;
  }

  @Option({ flags: '--csv', description: 'print CSV (UTF-8 with BOM) that permissions import reads back' })
  parseCsv(): boolean {
    return true;
  }
}

@SubCommand({
  name: 'import',
  arguments: '<file>',
  description: `grant many steps at once from a CSV with the header ${GRANT_COLUMNS.join(',')} (one transaction)`,
})
export class PermissionsImportCommand extends ImportCommand {
  protected readonly what = 'grants';

  constructor(
    private readonly grantImport: GrantImportService,
    cli: CliContext,
  ) {
    super(cli);
  }

  protected importCsv(csv: string, options: SpreadsheetImportOptions) {
    return this.grantImport.importGrants(csv, options);
  }
}

@Command({
  name: 'permissions',
  description: 'which official may act on which step',
  subCommands: [PermissionsGrantCommand, PermissionsRevokeCommand, PermissionsListCommand, PermissionsImportCommand],
})
export class PermissionsCommand extends CommandGroup {}
