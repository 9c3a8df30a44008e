import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import type { EntityManager } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

// Statement names by text: the hot statements are a few dozen texts (one per shape of change).
const NAMES = new Map<string, string>();
const MAX_NAMES = 2_000;

function nameOf(text: string): string {
  let name = NAMES.get(text);
  if (!name) {
    if (NAMES.size >= MAX_NAMES) NAMES.clear();
    name = `dvc_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    NAMES.set(text, name);
  }
  return name;
}

/**
 * A hot statement on the pool's own pg client as a named prepared statement: parsed once per
 * connection, then only bound and executed, without a TypeORM query runner around each call. Inside
 * a caller's transaction (a manager with its own query runner) it runs on that transaction's
 * connection, as any other statement. Same parameters and rows as `manager.query`.
 */
export async function preparedQuery<T = Record<string, unknown>>(manager: EntityManager, text: string, values: unknown[]): Promise<T[]> {
  if (manager.queryRunner) return manager.query(text, values);
  const { connection } = manager;
  if (connection.options.logging) connection.logger.logQuery(text, values);
  const pool = (connection.driver as PostgresDriver).master as Pool;
  return (await pool.query({ name: nameOf(text), text, values })).rows as T[];
}
