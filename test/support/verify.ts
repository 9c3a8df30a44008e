import type { DataSource } from 'typeorm';
import { dataHash, verifyChain } from '../../src/common/history-hash';

/** Every dossier's row agrees with its history (state, version, chain head), and every hash chain verifies. */
export async function expectConsistentHistories(db: DataSource): Promise<void> {
  const dossiers: { id: string; version: number; state: string; head_hash: string }[] = await db.query('SELECT id, version, state, head_hash FROM dossier');
  for (const d of dossiers) {
    const rows: Record<string, unknown>[] = await db.query('SELECT * FROM dossier_event WHERE dossier_id = $1 ORDER BY seq', [d.id]);
    expect(rows).toHaveLength(d.version);
    expect(rows.at(-1)?.to_state).toBe(d.state);
    // The next action chains to the row's head_hash, so it must be the newest event's hash.
    expect(rows.at(-1)?.hash).toBe(d.head_hash);
    const chain = rows.map((r) => ({
      dossierId: r.dossier_id, seq: r.seq as number, type: r.type, action: r.action, fromState: r.from_state, toState: r.to_state,
      actor: r.actor, comment: r.comment, reason: r.reason, dataHash: dataHash(r.data), at: (r.at as Date).toISOString(), hash: r.hash as string, prevHash: r.prev_hash as string | null,
    }));
    expect(verifyChain(chain)).toBeNull();
  }
}
