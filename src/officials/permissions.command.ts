import { Injectable } from '@nestjs/common';
import { Command, Option, SubCommand } from 'nest-commander';
import { CliContext, CommandGroup, JsonCommand, type JsonOption } from '../cli-context';
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

@SubCommand({ name: 'list', description: 'list grants, of one official or of all' })
export class PermissionsListCommand extends JsonCommand<JsonOption & { official?: string }> {
  constructor(
    private readonly grants: GrantsService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: JsonOption & { official?: string }): Promise<void> {
    const grants = await this.grants.list(options.official);
    this.cli.result(options.json, { grants }, () =>
      grants.length
        ? grants.map((g) => [g.unitCode, g.official, g.fullName, g.procedure, g.step, g.grantedAt].join('\t')).join('\n')
        : 'no grants',
    );
  }

  @Option({ flags: '--official <idNumber>', description: "only this official's grants" })
  parseOfficial(value: string): string {
    return value;
  }
}

@Command({
  name: 'permissions',
  description: 'which official may act on which step',
  subCommands: [PermissionsGrantCommand, PermissionsRevokeCommand, PermissionsListCommand],
})
export class PermissionsCommand extends CommandGroup {}
