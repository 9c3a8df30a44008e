import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { dataSourceOptions } from './data-source';
import { startEmbeddedPostgres } from './embedded-postgres';

// Any constant works; it only has to be the same for every instance.
const MIGRATION_LOCK = 4_201_552_020;

/** Applies pending migrations; instances starting together take turns on an advisory lock. */
export async function migrate(url: string): Promise<string[]> {
  const ds = await new DataSource(dataSourceOptions(url, { extra: { max: 1 } })).initialize();
  try {
    await ds.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await ds.runMigrations({ transaction: 'all' });
    return applied.map((m) => m.name);
  } finally {
    await ds.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
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
