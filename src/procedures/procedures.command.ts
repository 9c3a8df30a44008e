import { Command, Option, SubCommand } from 'nest-commander';
import { isDateOnly, isInstant } from '../common/validators';
import { Clock } from '../common/clock';
import { startOfLocalDay } from '../calendar/core';
import { CliContext, CliFailure, CommandGroup, JsonCommand, type JsonOption } from '../cli/cli-context';
import { ProceduresService } from './procedures.service';

type PublishOptions = JsonOption & { code: string; version: string; from?: string; intakeUntil?: string };

@SubCommand({
  name: 'publish',
  description: 'make version N the one new dossiers get (from its legal effect, or --from); dossiers received keep theirs',
})
export class ProceduresPublishCommand extends JsonCommand<PublishOptions> {
  constructor(
    private readonly procedures: ProceduresService,
    private readonly cli: CliContext,
    private readonly clock: Clock,
  ) {
    super();
  }

  async run(_args: string[], options: PublishOptions): Promise<void> {
    const version = Number(options.version);
    if (!/^\d+$/.test(options.version) || !Number.isSafeInteger(version)) throw new CliFailure(`--version must be a whole number, got "${options.version}"`);
    const from = options.from === undefined ? undefined : instantOrDay(options.from, '--from');
    if (options.intakeUntil !== undefined && !isDateOnly(options.intakeUntil)) {
      throw new CliFailure(`--intake-until must be a date YYYY-MM-DD, got "${options.intakeUntil}"`);
    }
    const result = await this.procedures.publish(options.code, version, { from, intakeUntil: options.intakeUntil, now: this.clock.now(), actor: this.cli.actor });
    this.cli.result(
      options.json,
      result,
      () => `published ${result.code} version ${result.version} from ${result.from}${result.previous === null ? '' : ` (was ${result.previous})`}`,
    );
  }

  @Option({ flags: '--code <code>', description: 'unpaid-leave-support or wage-loan-support', required: true })
  parseCode(value: string): string {
    return value;
  }

  @Option({ flags: '--version <n>', description: 'a version defined in src/workflow/definitions', required: true })
  parseVersion(value: string): string {
    return value;
  }

  @Option({ flags: '--from <date>', description: 'apply to dossiers submitted from this day (00:00 Vietnam time) or instant; default: the day its legal text takes effect' })
  parseFrom(value: string): string {
    return value;
  }

  @Option({ flags: '--intake-until <date>', description: 'the last day dossiers of this version are taken, when an amending text moved it' })
  parseIntakeUntil(value: string): string {
    return value;
  }
}

/** `YYYY-MM-DD` (00:00 that day in Vietnam) or an ISO instant with offset. */
function instantOrDay(value: string, flag: string): Date {
  if (isDateOnly(value)) return startOfLocalDay(value);
  if (isInstant(value)) return new Date(value);
  throw new CliFailure(`${flag} must be a date YYYY-MM-DD or an ISO 8601 instant with offset, got "${value}"`);
}

@Command({ name: 'procedures', description: 'procedure versions', subCommands: [ProceduresPublishCommand] })
export class ProceduresCommand extends CommandGroup {}
