import type { EventEmitter } from 'node:events';
import { join } from 'node:path';
import type { Client } from 'pg';
import { databaseOutage } from '../common/database-outage';
import { READ_ONLY_SQLSTATE } from '../common/postgres-errors';
import type { DataSourceOptions } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';
import type { AppConfig } from '../config/config';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * pg reports a dropped connection as an 'error' event, fatal without a listener. pg-pool
 * removes its listener as it hands a new client out and TypeORM adds its own a microtask
 * later; a server that ends the connection as it opens (a shutdown) lands in between and
 * took the process down. The query in flight still rejects, and the pool drops the client.
 */
function keepErrorsOffTheProcess(client: EventEmitter): void {
  client.on('error', () => undefined);
}

/** A connection that cannot write, refused as PostgreSQL refuses the write (25006): the database is away. */
class ReadOnlyConnection extends Error {
  readonly code = READ_ONLY_SQLSTATE;
  constructor() {
    super('connected to a read-only node (a standby, or default_transaction_read_only is on): no primary accepts writes here');
  }
}

/**
 * The pool of a primary opens only connections that can write: after a failover, or through a route
 * that leads to a standby, a connection to a read-only node is refused at once (the pool drops it and
 * the next request gets a fresh one) rather than kept to fail every write. A connection whose node
 * turns read-only later (a demoted primary) is ended by its first 25006, so it is not reused.
 */
async function requireWritable(client: Client): Promise<void> {
  keepErrorsOffTheProcess(client);
  const { rows } = await client.query<{ transaction_read_only: string }>('SHOW transaction_read_only');
  if (rows[0].transaction_read_only === 'on') throw new ReadOnlyConnection();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const result = query(...args);
    if (result instanceof Promise) {
      result.catch((error: { code?: string }) => {
        if (error?.code === READ_ONLY_SQLSTATE) void client.end().catch(() => undefined);
      });
    }
    return result;
  }) as typeof client.query;
  databaseOutage.up();
}

/** Connections of a pool nobody sized (migrations, tests); the app and the CLI size theirs from the config. */
const DEFAULT_POOL_SIZE = 20;

/** TypeORM's query log, when DVC_SQL_LOG asks for it. */
export function sqlLogging(config: Pick<AppConfig, 'sqlLog'>): DataSourceOptions['logging'] {
  return config.sqlLog ? ['query', 'error'] : false;
}

/**
 * The one set of DataSource options, used by the app, the CLI, migrations and tests. The entities
 * are the composition root's (src/data-source.ts), so this folder knows no capability. `readOnly`:
 * a pool for reads that may come from a standby (DATABASE_READ_URL), which skips the writable check.
 */
export function databaseOptions(
  url: string,
  entities: DataSourceOptions['entities'],
  overrides: Partial<PostgresDataSourceOptions> = {},
  { readOnly = false }: { readOnly?: boolean } = {},
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities,
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: false,
    migrationsRun: false,
    ...overrides,
    // Callers tune the pool (size, name); the error listener (and a primary's writable check) stays whatever they pass.
    extra: {
      max: DEFAULT_POOL_SIZE,
      application_name: 'dvc-workflow',
      ...overrides.extra,
      onConnect: readOnly ? keepErrorsOffTheProcess : requireWritable,
    },
  } as DataSourceOptions;
}
