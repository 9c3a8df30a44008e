import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { createTestDatabase } from '../support/database';

describe('migrations (e2e)', () => {
  it('match the entities: generating now would produce no new migration', async () => {
    const database = await createTestDatabase();
    const ds = await new DataSource(dataSourceOptions(database.url)).initialize();
    try {
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await ds.destroy();
      await database.drop();
    }
  });
});
