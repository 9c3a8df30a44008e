import { readFile } from 'node:fs/promises';
import { startOfLocalDay } from '../calendar/core';
import { CliFailure } from '../cli/cli-context';
import { command, type CommandGroup, type CommandRun } from '../cli/command';
import type { ProcedureDefinitionsService } from './procedure-definitions.service';
import type { ProceduresService } from './procedures.service';

function wholeNumber(value: string, what: string): number {
  if (!/^\d{1,9}$/.test(value)) throw new CliFailure(`${what} must be a whole number, got "${value}"`, 'CLI_USAGE');
  return Number(value);
}


/** The seeds stored and every deployed version registered, as the service does at start, for a database it has not run on yet. */
async function seeded(run: CommandRun): Promise<ProcedureDefinitionsService> {
  await (await run.service<ProceduresService>(async () => (await import('./procedures.service.js')).ProceduresService)).seed();
  return run.service<ProcedureDefinitionsService>(async () => (await import('./procedure-definitions.service.js')).ProcedureDefinitionsService);
}

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
    command<{ check?: boolean }>({
      name: 'deploy',
      description: 'check a procedure version (JSON or YAML) and store it; the same file again is unchanged, a changed one under a deployed version is refused',
      arguments: '<file>',
      options: [{ flags: '--check', description: 'change nothing: check the file and print what would change against the latest deployed version' }],
      async run(run, o, [file]) {
        let bytes: Buffer;
        try {
          bytes = await readFile(file);
        } catch (error) {
          throw new CliFailure(`cannot read ${file}: ${(error as Error).message}`, 'FILE_UNREADABLE');
        }
        const result = await (await seeded(run)).deploy(bytes, { check: o.check, actor: run.cli.actor });
        run.cli.result(o.json, result, () =>
          [`${result.result} ${result.code} version ${result.version} (sha256 ${result.sha256})`, ...result.differences.map((d) => `  ${d.path}: ${JSON.stringify(d.before)} -> ${JSON.stringify(d.after)}`)].join('\n'),
        );
      },
    }),
    command<object>({
      name: 'list',
      description: 'every deployed procedure version, with whether it is published',
      async run(run, o) {
        const result = await (await seeded(run)).list();
        run.cli.result(o.json, result, () => result.items.map((i) => `${i.code}@${i.version}${i.published ? ' published' : ''}  ${i.name}`).join('\n'));
      },
    }),
    command<{ version?: string }>({
      name: 'show',
      description: 'one deployed version\'s document (the latest without --version)',
      arguments: '<code>',
      options: [{ flags: '--version <n>', description: 'the version to show' }],
      async run(run, o, [code]) {
        const version = o.version === undefined ? undefined : wholeNumber(o.version, '--version');
        const result = await (await seeded(run)).show(code, version);
        run.cli.result(o.json, result, () => JSON.stringify(result.document, null, 2));
      },
    }),
    command<object>({
      name: 'diff',
      description: 'what changed from version A to version B of a procedure, field by field',
      arguments: '<code> <a> <b>',
      async run(run, o, [code, a, b]) {
        const [from, to] = [wholeNumber(a, 'A'), wholeNumber(b, 'B')];
        const result = await (await seeded(run)).diff(code, from, to);
        run.cli.result(o.json, result, () => result.differences.map((d) => `${d.path}: ${JSON.stringify(d.before)} -> ${JSON.stringify(d.after)}`).join('\n') || 'no differences');
      },
    }),
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
