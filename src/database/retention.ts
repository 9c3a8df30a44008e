import { setTimeout as sleep } from 'node:timers/promises';
import type { DataSource } from 'typeorm';

/** Rows per DELETE: each statement holds few locks and runs ~10 ms. */
const PRUNE_BATCH = 1_000;
/** Statements per pass: at most 50,000 rows a pass, above the peak intake of a minute. */
const PRUNE_MAX_BATCHES = 50;

/** Rows of one table that are kept for a while, then deleted. Identifiers are code constants, never input. */
export interface Retention {
  table: string;
  /** The primary key's columns, comma-separated. */
  key: string;
  /** The condition a row past its retention meets, with $1 = the cut-off time. */
  expired: string;
  /** An indexed column to delete oldest first by. */
  oldestFirst: string;
}

/**
 * Deletes the rows past their retention, oldest first, a small batch per statement, so none holds
 * many locks or runs long; SKIP LOCKED lets several instances prune side by side without deleting a
 * row twice or waiting on each other. Stops early when `stop` is aborted.
 */
export async function pruneExpired(db: DataSource, r: Retention, before: Date, stop?: AbortSignal): Promise<number> {
  let pruned = 0;
  for (let batch = 0; batch < PRUNE_MAX_BATCHES && !stop?.aborted; batch++) {
    const [, deleted]: [unknown, number] = await db.query(
      `DELETE FROM ${r.table} WHERE (${r.key}) IN (
         SELECT ${r.key} FROM ${r.table} WHERE ${r.expired}
          ORDER BY ${r.oldestFirst} LIMIT $2 FOR UPDATE SKIP LOCKED)`,
      [before, PRUNE_BATCH],
    );
    pruned += deleted;
    if (deleted < PRUNE_BATCH) break;
  }
  return pruned;
}

/** Waits `ms`, or returns at once when `signal` aborts. */
export function rest(ms: number, signal: AbortSignal): Promise<void> {
  return sleep(ms, undefined, { signal }).catch(() => undefined);
}

/** Runs `task` every `ms` (first after one wait) until `signal` aborts; a failed run is reported and the next one comes. */
export async function every(ms: number, signal: AbortSignal, task: () => Promise<unknown>, onError: (error: unknown) => void): Promise<void> {
  while (!signal.aborted) {
    await rest(ms, signal);
    if (signal.aborted) return;
    await task().catch(onError);
  }
}
