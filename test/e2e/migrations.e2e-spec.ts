import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { eventHash } from '../../src/common/history-hash';
import { dataSourceOptions } from '../../src/data-source';
import { adminQuery, createTestDatabase, SERVER_URL_ENV, TEMPLATE_ENV, withDatabase } from '../support/database';
import { expectConsistentHistories } from '../support/verify';

const MIGRATIONS = join(__dirname, '..', '..', 'migrations');

/** A feedback register as the service wrote it before the ledger: each entry hashed over its fields, chained. */
function register(feedbackId: string, steps: { action: string; from: string | null; to: string; data: object | null }[]) {
  let prevHash: string | null = null;
  return steps.map((step, i) => {
    const content = {
      feedbackId, seq: i + 1, action: step.action, fromState: step.from, toState: step.to,
      actor: { principalId: null, kind: i === 0 ? 'public' : 'admin', unitCode: null }, data: step.data, at: new Date(Date.UTC(2020, 7, 12, 2, i)).toISOString(),
    };
    const hash = eventHash(prevHash, content);
    const entry = { ...content, prevHash, hash };
    prevHash = hash;
    return entry;
  });
}

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

  it('gives every existing feedback the hash of its newest register entry; the registers verify as dossier histories do', async () => {
    const name = `${process.env[TEMPLATE_ENV]}_pre_${randomBytes(4).toString('hex')}`;
    await adminQuery(`CREATE DATABASE "${name}"`);
    const url = withDatabase(process.env[SERVER_URL_ENV]!, name);
    const files = readdirSync(MIGRATIONS).filter((f) => f.endsWith('.ts')).sort();
    const before = files.filter((f) => f < '1795863224012').map((f) => join(MIGRATIONS, f));
    expect(before.length).toBeLessThan(files.length);
    const old = await new DataSource(dataSourceOptions(url, { migrations: before })).initialize();
    try {
      await old.runMigrations({ transaction: 'all' });
      const registers = [
        register(randomUUID(), [{ action: 'receive', from: null, to: 'received', data: null }]),
        register(randomUUID(), [
          { action: 'receive', from: null, to: 'received', data: null },
          { action: 'assign', from: 'received', to: 'assigned', data: { unitCode: 'UBND-522' } },
          { action: 'answer', from: 'assigned', to: 'answered', data: { answer: 'Đã giải quyết' } },
        ]),
      ];
      for (const [i, entries] of registers.entries()) {
        const last = entries.at(-1)!;
        await old.query(
          `INSERT INTO feedback (id, tracking_code, title, content, contact, state, snapshot, version, received_at)
           VALUES ($1, $2, 't', 'c', '{"name":"n"}', $3, $4, $5, '2020-08-12T02:00:00Z')`,
          [last.feedbackId, `PAKN.20200812.000${i + 1}`, last.toState, { value: last.toState, context: { unitCode: null } }, entries.length],
        );
        for (const e of entries) {
          await old.query(
            'INSERT INTO feedback_event (feedback_id, seq, action, from_state, to_state, actor, data, at, hash, prev_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
            [e.feedbackId, e.seq, e.action, e.fromState, e.toState, e.actor, e.data, e.at, e.hash, e.prevHash],
          );
        }
      }
    } finally {
      await old.destroy();
    }
    const ds = await new DataSource(dataSourceOptions(url)).initialize();
    try {
      expect((await ds.runMigrations({ transaction: 'all' })).map((m) => m.name)).toContain('FeedbackHeadHash1795863224012');
      const heads: { version: number; head_hash: string }[] = await ds.query('SELECT version, head_hash FROM feedback ORDER BY version');
      expect(heads.map((h) => h.version)).toEqual([1, 3]);
      await expectConsistentHistories(ds);
    } finally {
      await ds.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  });
});
