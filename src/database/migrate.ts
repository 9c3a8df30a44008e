import { DataSource, MigrationExecutor } from 'typeorm';
import { ConfigError, loadConfig } from '../config/config';
import { dataSourceOptions } from './data-source';
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
  const ds = await new DataSource(dataSourceOptions(url, { extra: { max: 1 } })).initialize();
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

/** The database to use: DATABASE_URL, or an embedded PostgreSQL under DATA_DIR. */
export async function resolveDatabase(): Promise<{ url: string; embedded: boolean; stop(): Promise<void> }> {
  const config = loadConfig();
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => undefined };
  const db = await startEmbeddedPostgres(config.dataDir, config.embeddedPort);
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
