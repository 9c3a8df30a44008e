// Pure: failed authentications per client address, counted in memory.
import { LRUCache } from 'lru-cache';

/**
 * Counts failed authentications per client address in a fixed window, in memory per instance
 * (PostgreSQL stays the only shared server). At most `capacity` addresses are kept, the least
 * recently failing one dropped first, so a flood of source addresses costs O(1) each and
 * bounded memory.
 */
export class FailureLimiter {
  private readonly windows: LRUCache<string, { count: number; resetAt: number }>;

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
    capacity = 10_000,
  ) {
    this.windows = new LRUCache({ max: capacity });
  }

  /** Records a failure; true when the address has now failed more than `limit` times in its window. */
  fail(key: string, now = Date.now()): boolean {
    const w = this.windows.get(key);
    if (w && w.resetAt > now) {
      w.count += 1;
      return w.count > this.limit;
    }
    this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
    return this.limit < 1;
  }

  /** Addresses currently remembered. */
  get size(): number {
    return this.windows.size;
  }
}
