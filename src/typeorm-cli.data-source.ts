// For the TypeORM CLI only (`npm run migration:generate`), which wants a file whose default export
// is a DataSource. It reads the configuration as it is loaded, so nothing else may import it: the
// service and the admin CLI load the configuration where they can report a bad one.
import { DataSource } from 'typeorm';
import { loadConfig } from './config/config';
import { dataSourceOptions } from './data-source';

export default new DataSource(dataSourceOptions(loadConfig().databaseUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres'));
