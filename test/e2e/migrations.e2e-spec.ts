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

  it('keep the histories append-only: the database refuses to change, remove or truncate their rows', async () => {
    const database = await createTestDatabase();
    const ds = await new DataSource(dataSourceOptions(database.url)).initialize();
    try {
      await ds.query(`INSERT INTO audit_event (actor, action, subject) VALUES ('test', 'token.issue', '{}')`);
      for (const table of ['dossier_event', 'feedback_event', 'audit_event']) {
        await expect(ds.query(`TRUNCATE "${table}" CASCADE`)).rejects.toThrow(`${table} is append-only: TRUNCATE refused`);
      }
      await expect(ds.query(`UPDATE audit_event SET actor = 'someone else'`)).rejects.toThrow('audit_event is append-only: UPDATE refused');
      await expect(ds.query('DELETE FROM audit_event')).rejects.toThrow('audit_event is append-only: DELETE refused');
      expect(await ds.query('SELECT actor FROM audit_event')).toEqual([{ actor: 'test' }]);
    } finally {
      await ds.destroy();
      await database.drop();
    }
  });
});
