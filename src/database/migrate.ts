import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource, MigrationExecutor } from 'typeorm';
import { DomainError } from '../common/domain-error';
import { ConfigError, loadConfig } from '../config/config';
import { databaseOptions } from './data-source';
import { startEmbeddedPostgres } from './embedded-postgres';

// Any constant works; it only has to be the same for every instance.
const MIGRATION_LOCK = 4_201_552_020;

const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * Applies pending migrations; instances starting together take turns on an advisory lock. A service
 * that connects as a role owning nothing (docs/operations.md) finds nothing pending and needs no
 * rights beyond reading the migrations table; with a migration pending it says who must run it.
 */
export async function migrate(url: string): Promise<string[]> {
  const ds = await new DataSource(databaseOptions(url, [], { extra: { max: 1 } })).initialize();
  // One session for the lock and the migrations, released here whatever happens (DataSource.runMigrations
  // keeps its connection when creating the migrations table fails, and the unlock then waits for it forever).
  const session = ds.createQueryRunner();
  try {
    await session.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const executor = new MigrationExecutor(ds, session);
    executor.transaction = 'all';
    const applied = await executor.executePendingMigrations();
    return applied.map((m) => m.name);
  } catch (error) {
    const code = (error as { driverError?: { code?: string }; code?: string }).driverError?.code ?? (error as { code?: string }).code;
    if (code !== INSUFFICIENT_PRIVILEGE) throw error;
    throw new ConfigError(
      `a migration is pending and this database role may not apply it (${(error as Error).message}): ` +
        'run the migrations as the schema owner (e.g. `docker compose run --rm migrate`, or `npm run migration:run` with the owner\'s DATABASE_URL), then start again',
    );
  } finally {
    await session.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await session.release();
    await ds.destroy();
  }
}

/** The migrations of this build, by the timestamp their file name starts with (TypeORM's convention). */
function knownMigrations(): { timestamp: string; name: string }[] {
  return readdirSync(join(__dirname, '..', '..', 'migrations'))
    .filter((file) => /^\d+-.+\.(js|ts)$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => ({ timestamp: file.slice(0, file.indexOf('-')), name: file.replace(/\.(js|ts)$/, '') }));
}

/** Where the database stands: never migrated, or the migrations of this build it lacks. Reads only. */
export async function migrationState(url: string): Promise<{ fresh: boolean; pending: string[] }> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    const target = new URL(url);
    throw new DomainError(
      'unavailable',
      'DATABASE_UNAVAILABLE',
      `cannot connect to the database ${target.hostname}:${target.port || 5432}${target.pathname} (${(error as Error).message || (error as { code?: string }).code}): ` +
        'is PostgreSQL running, and is DATABASE_URL right?',
    );
  }
  try {
    const [{ table }] = (await client.query<{ table: string | null }>(`SELECT to_regclass('migrations')::text AS table`)).rows;
    const applied = table ? new Set((await client.query<{ timestamp: string }>('SELECT timestamp::text FROM migrations')).rows.map((r) => r.timestamp)) : new Set<string>();
    return { fresh: applied.size === 0, pending: knownMigrations().filter((m) => !applied.has(m.timestamp)).map((m) => m.name) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Refuses a database this build's migrations have not all been applied to (the admin CLI never migrates). */
export async function assertMigrated(url: string): Promise<void> {
  const { pending } = await migrationState(url);
  if (!pending.length) return;
  throw new DomainError(
    'unavailable',
    'DATABASE_BEHIND_MIGRATIONS',
    `the database lacks ${pending.length} migration(s) of this version, from ${pending[0]}; ` +
      'the CLI does not migrate: run `npm run migration:run` (as the schema owner), then try again',
  );
}

/**
 * The database to use: DATABASE_URL, or an embedded PostgreSQL under DATA_DIR. With `callerStops`
 * (the service), signals do not stop the embedded one: the caller stops it after its own shutdown.
 */
export async function resolveDatabase(callerStops = false): Promise<{ url: string; embedded: boolean; stop(): Promise<void> }> {
  const config = loadConfig();
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  const db = await startEmbeddedPostgres(config.dataDir, config.embeddedPort, callerStops);
  return { ...db, embedded: true };
}

// `npm run migration:run`
if (require.main === module) {
  (async () => {
    const db = await resolveDatabase();
    try {
      const applied = await migrate(db.url);
      console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migrations');
    } finally {
      await db.stop();
    }
  })().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
