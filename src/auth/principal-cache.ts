// Pure: principals by token hash, kept in memory for a short time and dropped whole on any change.
import { LRUCache } from 'lru-cache';
import type { Principal } from '../common/principal';

/** A principal as cached, and when its token stops being valid (the row's expiry). */
export interface CachedPrincipal {
  principal: Principal;
  /** The token's own expiry (ms since the epoch), or null when it has none. */
  expiresAt: number | null;
}

/**
 * Token hash → principal. Correctness comes from `clear()`, called on every change of a principal,
 * official, grant or unit by any writer (PostgreSQL NOTIFY, see ChangeListener); the TTL is
 * only the safety net should a notification be lost. A lookup that raced a change is not stored:
 * `generation` counts the clears, and `store` keeps a row only if none happened since it was read.
 */
export class PrincipalCache {
  private readonly entries: LRUCache<string, CachedPrincipal>;
  private clears = 0;

  constructor(ttlMs: number, capacity = 10_000) {
    this.entries = new LRUCache({ max: capacity, ttl: Math.max(1, ttlMs) });
  }

  /** The generation a lookup starts in: pass it back to `store`. */
  get generation(): number {
    return this.clears;
  }

  /** The cached principal of a token hash, unless its token has expired by `now`. */
  get(tokenHash: string, now = Date.now()): CachedPrincipal | undefined {
    const entry = this.entries.get(tokenHash);
    if (entry?.expiresAt != null && entry.expiresAt <= now) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry;
  }

  store(tokenHash: string, entry: CachedPrincipal, generation: number): void {
    if (generation === this.clears) this.entries.set(tokenHash, entry);
  }

  clear(): void {
    this.clears += 1;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
