import { Client } from 'pg';
import { migrate } from '../src/database/migrate';

export interface BenchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function withClient<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export const query = <T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []) =>
  withClient(url, async (c) => (await c.query(sql, params)).rows as T[]);

/** A fresh, migrated database `<prefix>_<ts>` on the server of `serverUrl`, dropped by drop(). */
export async function createBenchDatabase(serverUrl: string, prefix = 'dvc_bench'): Promise<BenchDatabase> {
  const name = `${prefix}_${Date.now()}`;
  await query(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await migrate(url.toString());
  // The bench's ids: random-looking v4 UUIDs, computable by pgbench and by Node alike (see benchDossierId).
  await query(
    url.toString(),
    `CREATE FUNCTION bench_dossier_id(n bigint) RETURNS uuid IMMUTABLE LANGUAGE sql
       AS $$ SELECT overlay(overlay(md5('dvc-bench-' || n) placing '4' from 13) placing '8' from 17)::uuid $$`,
  );
  return {
    url: url.toString(),
    name,
    drop: () => query(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined),
  };
}

/** Settles the database between phases so every measured phase starts alike. */
export async function settle(url: string): Promise<void> {
  await query(url, 'VACUUM (ANALYZE) dossier, dossier_event, outbox_message');
  await query(url, 'CHECKPOINT');
}

/** `node dist/bench/<file>.js [count]` with DATABASE_URL pointing at any database of the server: runs `bench` and prints its figures. */
export function runFromCommandLine<T>(bench: (serverUrl: string, count: number) => Promise<T>, defaultCount: number): void {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  bench(serverUrl, Number(process.argv[2] ?? defaultCount)).then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
