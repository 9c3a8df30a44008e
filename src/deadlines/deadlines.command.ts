import { command, type CommandGroup } from '../cli/command';
import type { AlertChange, DeadlinePassService } from './deadline-pass.service';

/** A dry run lists at most this many of the alerts it would open, and of those it would close. */
const DRY_RUN_LIST = 1000;

function line(a: AlertChange): string {
  return `${a.kind.padEnd(8)} ${a.subject.type} ${a.ref ?? a.subject.id} ${a.step} due ${a.dueAt}${a.unitCode ? ` (${a.unitCode})` : ''}`;
}

export const DEADLINES_COMMANDS: CommandGroup = {
  name: 'deadlines',
  description: 'deadline alerts',
  commands: [
    command<{ now?: string; write?: boolean }>({
      name: 'check',
      description:
        'run one deadline pass (the code the scheduler runs): open near-due and overdue alerts, close those that no longer hold. ' +
        'With --now at another instant than the present it is a dry run unless --write',
      options: [
        { flags: '--now <iso>', description: 'the instant to check at: an ISO 8601 date-time with an offset, or YYYY-MM-DD for the start of that day in Vietnam (default: now)' },
        { flags: '--write', description: 'write the alerts of a pass at another instant than the present (recorded in the audit trail)' },
      ],
      async run(run, o) {
        const { checkNow, isPresent } = await import('./check-now.js');
        const present = new Date();
        const at = o.now !== undefined ? checkNow(o.now) : present;
        const write = Boolean(o.write) || isPresent(at, present);
        const pass = await run.service<DeadlinePassService>(async () => (await import('./deadline-pass.service.js')).DeadlinePassService);
        const r = await pass.run(at, { write, list: write ? undefined : DRY_RUN_LIST, auditActor: o.write ? run.cli.actor : undefined });
        run.cli.result(o.json, r, () => {
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
      },
    }),
  ],
};
