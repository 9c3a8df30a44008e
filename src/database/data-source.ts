import type { EventEmitter } from 'node:events';
import { join } from 'node:path';
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

/** Connections of a pool nobody sized (migrations, tests); the app and the CLI size theirs from the config. */
const DEFAULT_POOL_SIZE = 20;

/** TypeORM's query log, when DVC_SQL_LOG asks for it. */
export function sqlLogging(config: Pick<AppConfig, 'sqlLog'>): DataSourceOptions['logging'] {
  return config.sqlLog ? ['query', 'error'] : false;
}

/**
 * The one set of DataSource options, used by the app, the CLI, migrations and tests. The entities
 * are the composition root's (src/data-source.ts), so this folder knows no capability.
 */
export function databaseOptions(url: string, entities: DataSourceOptions['entities'], overrides: Partial<PostgresDataSourceOptions> = {}): DataSourceOptions {
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
    // Callers tune the pool (size, name); the error listener stays whatever they pass.
    extra: {
      max: DEFAULT_POOL_SIZE,
      application_name: 'dvc-workflow',
      ...overrides.extra,
      onConnect: keepErrorsOffTheProcess,
    },
  } as DataSourceOptions;
}
