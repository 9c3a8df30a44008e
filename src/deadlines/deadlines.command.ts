import { Command, Option, SubCommand } from 'nest-commander';
import { CliContext, CommandGroup, JsonCommand, type JsonOption } from '../cli-context';
import { checkNow } from './check-now';
import { DeadlinePassService } from './deadline-pass.service';

type CheckOptions = JsonOption & { now?: string };

@SubCommand({ name: 'check', description: 'run one deadline pass (the code the scheduler runs): open near-due and overdue alerts, close stale ones' })
export class DeadlinesCheckCommand extends JsonCommand<CheckOptions> {
  constructor(
    private readonly pass: DeadlinePassService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: CheckOptions): Promise<void> {
    const r = await this.pass.run(options.now !== undefined ? checkNow(options.now) : new Date());
    this.cli.result(options.json, r, () =>
      r.skipped
        ? 'another instance is running the deadline pass; nothing done'
        : `scanned ${r.dossiers.scanned} dossiers with a running step and ${r.feedback.scanned} feedback with a running deadline: ` +
          `${r.nearDue} near due, ${r.overdue} overdue (${r.feedback.nearDue} and ${r.feedback.overdue} of them feedback); ` +
          `${r.newAlerts} new alerts, ${r.closedAlerts} closed`,
    );
  }

  @Option({ flags: '--now <iso>', description: 'the instant to check at: an ISO 8601 date-time with an offset, or YYYY-MM-DD for the start of that day in Vietnam (default: now)' })
  parseNow(value: string): string {
    return value;
  }
}

@Command({ name: 'deadlines', description: 'deadline alerts', subCommands: [DeadlinesCheckCommand] })
export class DeadlinesCommand extends CommandGroup {}
