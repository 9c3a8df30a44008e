import type { DataSource, EntityManager } from 'typeorm';
import { dataHash, verifyChain } from '../../src/common/history-hash';

type Row = Record<string, unknown>;

/** Each aggregate's rows, and its history entries as its history API answers them (what the hashes cover). */
const AGGREGATES = [
  {
    rows: 'dossier',
    events: 'dossier_event',
    key: 'dossier_id',
    entry: (r: Row) => ({
      dossierId: r.dossier_id, type: r.type, action: r.action, comment: r.comment, reason: r.reason, dataHash: dataHash(r.data),
    }),
  },
  {
    rows: 'feedback',
    events: 'feedback_event',
    key: 'feedback_id',
    entry: (r: Row) => ({ feedbackId: r.feedback_id, action: r.action, data: r.data }),
  },
];

/**
 * Every dossier's and feedback's row agrees with its history (state, version, chain head), and
 * every hash chain verifies, with the one verifyChain for both. Read in one snapshot: a killed
 * service's last commit may still land while the check reads, and rows read before it with events
 * read after it would disagree though each commit is whole.
 */
export async function expectConsistentHistories(source: DataSource): Promise<void> {
  await source.transaction('REPEATABLE READ', (db) => expectConsistentIn(db));
}

async function expectConsistentIn(db: EntityManager): Promise<void> {
  for (const a of AGGREGATES) {
    const heads: { id: string; version: number; state: string; head_hash: string }[] = await db.query(`SELECT id, version, state, head_hash FROM "${a.rows}"`);
    for (const d of heads) {
      const rows: Row[] = await db.query(`SELECT * FROM "${a.events}" WHERE "${a.key}" = $1 ORDER BY seq`, [d.id]);
      expect(rows).toHaveLength(d.version);
      expect(rows.at(-1)?.to_state).toBe(d.state);
      // The next action chains to the row's head_hash, so it must be the newest event's hash.
      expect(rows.at(-1)?.hash).toBe(d.head_hash);
      const chain = rows.map((r) => ({
        ...a.entry(r),
        seq: r.seq as number, fromState: r.from_state, toState: r.to_state, actor: r.actor, at: (r.at as Date).toISOString(),
        hash: r.hash as string, prevHash: r.prev_hash as string | null,
      }));
      expect({ [a.rows]: d.id, brokenAt: verifyChain(chain) }).toEqual({ [a.rows]: d.id, brokenAt: null });
    }
  }
}
