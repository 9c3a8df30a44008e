import { FailureLimiter } from './failure-limiter';

describe('FailureLimiter', () => {
  it('says "over" past the limit within the window and forgives after it', () => {
    const limiter = new FailureLimiter(3, 1000);
    for (let i = 0; i < 3; i++) expect(limiter.fail('1.2.3.4', 0)).toBe(false);
    expect(limiter.fail('1.2.3.4', 500)).toBe(true);
    expect(limiter.fail('5.6.7.8', 500)).toBe(false);
    expect(limiter.fail('1.2.3.4', 1000)).toBe(false);
  });

  it('keeps at most its capacity of addresses, dropping the least recently failing one', () => {
    const limiter = new FailureLimiter(1, 60_000, 3);
    limiter.fail('a', 0);
    limiter.fail('b', 0);
    limiter.fail('c', 0);
    limiter.fail('a', 1); // a is now the most recent
    limiter.fail('d', 2); // drops b
    expect(limiter.size).toBe(3);
    expect(limiter.fail('a', 3)).toBe(true); // a's count survived
    expect(limiter.fail('b', 3)).toBe(false); // b was forgotten
  });

  it('stays bounded under 100,000 source addresses', () => {
    const limiter = new FailureLimiter(30, 60_000, 10_000);
    for (let i = 0; i < 100_000; i++) limiter.fail(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, 0);
    expect(limiter.size).toBe(10_000);
  });
});
