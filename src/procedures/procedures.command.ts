import { Command, Option, SubCommand } from 'nest-commander';
import { CliContext, CliFailure, CommandGroup, JsonCommand, type JsonOption } from '../cli-context';
import { ProceduresService } from './procedures.service';

type PublishOptions = JsonOption & { code: string; version: string };

@SubCommand({ name: 'publish', description: 'make version N the one new dossiers get; dossiers in flight keep theirs' })
export class ProceduresPublishCommand extends JsonCommand<PublishOptions> {
  constructor(
    private readonly procedures: ProceduresService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: PublishOptions): Promise<void> {
    const version = Number(options.version);
    if (!/^\d+$/.test(options.version) || !Number.isSafeInteger(version)) throw new CliFailure(`--version must be a whole number, got "${options.version}"`);
    const result = await this.procedures.publish(options.code, version);
    this.cli.result(options.json, result, () => `published ${result.code} version ${result.version}${result.previous === null ? '' : ` (was ${result.previous})`}`);
  }

  @Option({ flags: '--code <code>', description: 'unpaid-leave-support or wage-loan-support', required: true })
  parseCode(value: string): string {
    return value;
  }

  @Option({ flags: '--version <n>', description: 'a version defined in src/workflow/definitions', required: true })
  parseVersion(value: string): string {
    return value;
  }
}

@Command({ name: 'procedures', description: 'procedure versions', subCommands: [ProceduresPublishCommand] })
export class ProceduresCommand extends CommandGroup {}
