import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { loadConfig } from '../config/config';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** The one set of DataSource options, used by the app, the CLI, migrations and tests. */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    logging: process.env.DVC_SQL_LOG ? ['query', 'error'] : false,
    migrationsRun: false,
    extra: { max: Number(process.env.DB_POOL_SIZE ?? 20), application_name: 'dvc-workflow' },
    ...extra,
  } as DataSourceOptions;
}

// For the TypeORM CLI (migration:generate); needs DATABASE_URL.
export default new DataSource(dataSourceOptions(loadConfig().databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres'));
