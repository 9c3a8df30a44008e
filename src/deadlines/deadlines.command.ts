import { Command, Option, SubCommand } from 'nest-commander';
import { CliContext, CommandGroup, JsonCommand, type JsonOption } from '../cli/cli-context';
import { checkNow, isPresent } from './check-now';
import { type AlertChange, DeadlinePassService } from './deadline-pass.service';

type CheckOptions = JsonOption & { now?: string; write?: boolean };

/** A dry run lists at most this many of the alerts it would open, and of those it would close. */
const DRY_RUN_LIST = 1000;

@SubCommand({
  name: 'check',
  description:
    'run one deadline pass (the code the scheduler runs): open near-due and overdue alerts, close those that no longer hold. ' +
    'With --now at another instant than the present it is a dry run unless --write',
})
export class DeadlinesCheckCommand extends JsonCommand<CheckOptions> {
  constructor(
    private readonly pass: DeadlinePassService,
    private readonly cli: CliContext,
  ) {
    super();
  }

  async run(_args: string[], options: CheckOptions): Promise<void> {
    const present = new Date();
    const at = options.now !== undefined ? checkNow(options.now) : present;
    const write = Boolean(options.write) || isPresent(at, present);
    const r = await this.pass.run(at, {
      write,
      list: write ? undefined : DRY_RUN_LIST,
      auditActor: options.write ? this.cli.actor : undefined,
    });
    this.cli.result(options.json, r, () => {
      if (r.skipped) return 'another instance is running the deadline pass; nothing done';
      const counts =
        `scanned ${r.dossiers.scanned} dossiers with a running step and ${r.feedback.scanned} feedback with a running deadline: ` +
        `${r.nearDue} near due, ${r.overdue} overdue (${r.feedback.nearDue} and ${r.feedback.overdue} of them feedback)`;
      if (!r.dryRun) return `${counts}; ${r.newAlerts} new alerts, ${r.closedAlerts} closed`;
      return [
        `dry run at ${r.now} (not the present; nothing written, --write to make it real): ${counts}; would open ${r.newAlerts} alerts and close ${r.closedAlerts}`,
        ...(r.opened ?? []).map((a) => `  open  ${line(a)}`),
        ...(r.closed ?? []).map((a) => `  close ${line(a)}`),
      ].join('\n');
    });
  }

  @Option({ flags: '--now <iso>', description: 'the instant to check at: an ISO 8601 date-time with an offset, or YYYY-MM-DD for the start of that day in Vietnam (default: now)' })
  parseNow(value: string): string {
    return value;
  }

  @Option({ flags: '--write', description: 'write the alerts of a pass at another instant than the present (recorded in the audit trail)' })
  parseWrite(): boolean {
    return true;
  }
}

function line(a: AlertChange): string {
  return `${a.kind.padEnd(8)} ${a.subject.type} ${a.ref ?? a.subject.id} ${a.step} due ${a.dueAt}${a.unitCode ? ` (${a.unitCode})` : ''}`;
}

@Command({ name: 'deadlines', description: 'deadline alerts', subCommands: [DeadlinesCheckCommand] })
export class DeadlinesCommand extends CommandGroup {}
