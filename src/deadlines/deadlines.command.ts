import { Command, Option, SubCommand } from 'nest-commander';
import { CliContext, CliFailure, CommandGroup, JsonCommand, type JsonOption } from '../cli-context';
import { DeadlinePassService } from './deadline-pass.service';

type CheckOptions = JsonOption & { now?: string };

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

@SubCommand({ name: 'check', description: 'run one deadline pass (the code the scheduler runs): open near-due and overdue alerts, close stale ones' })
export class DeadlinesCheckCommand extends JsonCommand<CheckOptions> {
  constructor(
    private readonly pass: DeadlinePassService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: CheckOptions): Promise<void> {
    if (options.now !== undefined && (!INSTANT.test(options.now) || Number.isNaN(Date.parse(options.now)))) {
      throw new CliFailure(`--now must be an ISO 8601 date-time with an offset, e.g. 2020-05-15T16:00:00+07:00; got "${options.now}"`);
    }
    const r = await this.pass.run(options.now ? new Date(options.now) : new Date());
    this.cli.result(options.json, r, () =>
      r.skipped
        ? 'another instance is running the deadline pass; nothing done'
        : `scanned ${r.scanned} dossiers with a running step: ${r.nearDue} near due, ${r.overdue} overdue; ${r.newAlerts} new alerts, ${r.closedAlerts} closed`,
    );
  }

  @Option({ flags: '--now <iso>', description: 'the instant to check at (default: now)' })
  parseNow(value: string): string {
    return value;
  }
}

@Command({ name: 'deadlines', description: 'deadline alerts', subCommands: [DeadlinesCheckCommand] })
export class DeadlinesCommand extends CommandGroup {}
