import { startOfLocalDay } from '../calendar/core';
import { CliFailure } from '../cli/cli-context';
import { command, type CommandGroup } from '../cli/command';
import type { ProceduresService } from './procedures.service';

/** `YYYY-MM-DD` (00:00 that day in Vietnam) or an ISO instant with offset. */
async function instantOrDay(value: string, flag: string): Promise<Date> {
  // Loaded as the command runs: the validators bring class-validator, which --help need not load.
  const { isDateOnly, isInstant } = await import('../common/validators.js');
  if (isDateOnly(value)) return startOfLocalDay(value);
  if (isInstant(value)) return new Date(value);
  throw new CliFailure(`${flag} must be a date YYYY-MM-DD or an ISO 8601 instant with offset, got "${value}"`);
}

export const PROCEDURES_COMMANDS: CommandGroup = {
  name: 'procedures',
  description: 'procedure versions',
  commands: [
    command<{ code: string; version: string; from?: string; intakeUntil?: string }>({
      name: 'publish',
      description: 'make version N the one new dossiers get (from its legal effect, or --from); dossiers received keep theirs',
      options: [
        { flags: '--code <code>', description: 'a procedure code (unpaid-leave-support, wage-loan-support, or one deployed)', required: true },
        { flags: '--version <n>', description: 'a version shipped in procedures/ or deployed', required: true },
        { flags: '--from <date>', description: 'apply to dossiers submitted from this day (00:00 Vietnam time) or instant; default: the day its legal text takes effect' },
        { flags: '--intake-until <date>', description: 'the last day dossiers of this version are taken, when an amending text moved it' },
      ],
      async run(run, o) {
        const version = Number(o.version);
        if (!/^\d+$/.test(o.version) || !Number.isSafeInteger(version)) throw new CliFailure(`--version must be a whole number, got "${o.version}"`);
        const from = o.from === undefined ? undefined : await instantOrDay(o.from, '--from');
        if (o.intakeUntil !== undefined && !(await import('../common/validators.js')).isDateOnly(o.intakeUntil)) throw new CliFailure(`--intake-until must be a date YYYY-MM-DD, got "${o.intakeUntil}"`);
        const procedures = await run.service<ProceduresService>(async () => (await import('./procedures.service.js')).ProceduresService);
        // The catalogue as the service seeds it at start, for a database the service has not run on yet.
        await procedures.seed();
        const result = await procedures.publish(o.code, version, { from, intakeUntil: o.intakeUntil, now: new Date(), actor: run.cli.actor });
        run.cli.result(o.json, result, () => `published ${result.code} version ${result.version} from ${result.from}${result.previous === null ? '' : ` (was ${result.previous})`}`);
      },
    }),
  ],
};
