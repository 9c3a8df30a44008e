// Pure: failed authentications per client address, counted in memory.
/**
 * Counts failed authentications per client address in a fixed window, in memory per
 * instance (PostgreSQL stays the only shared server), so token guessing is slowed to a crawl.
 */
export class FailureLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs = 60_000,
  ) {}

  blocked(key: string, now = Date.now()): boolean {
    const w = this.windows.get(key);
    return w !== undefined && w.resetAt > now && w.count >= this.limit;
  }

  fail(key: string, now = Date.now()): void {
    const w = this.windows.get(key);
    if (!w || w.resetAt <= now) {
      if (this.windows.size > 10_000) this.sweep(now);
      this.windows.set(key, { count: 1, resetAt: now + this.windowMs });
    } else {
      w.count += 1;
    }
  }

  private sweep(now: number): void {
    for (const [key, w] of this.windows) if (w.resetAt <= now) this.windows.delete(key);
  }
}
