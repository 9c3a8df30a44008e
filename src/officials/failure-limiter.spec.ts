import { FailureLimiter } from './failure-limiter';

describe('FailureLimiter', () => {
  it('blocks after the limit within the window and forgives after it', () => {
    const limiter = new FailureLimiter(3, 1000);
    for (let i = 0; i < 3; i++) {
      expect(limiter.blocked('1.2.3.4', 0)).toBe(false);
      limiter.fail('1.2.3.4', 0);
    }
    expect(limiter.blocked('1.2.3.4', 500)).toBe(true);
    expect(limiter.blocked('5.6.7.8', 500)).toBe(false);
    expect(limiter.blocked('1.2.3.4', 1000)).toBe(false);
  });
});
