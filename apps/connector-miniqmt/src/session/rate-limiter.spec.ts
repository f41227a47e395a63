import { RateLimiter } from './rate-limiter.js';

describe('RateLimiter', () => {
  it('lets a burst through at once and then paces at the rate', async () => {
    let now = 0;
    const slept: number[] = [];
    const limiter = new RateLimiter(
      10,
      2,
      () => now,
      (ms) => {
        slept.push(ms);
        now += ms;
        return Promise.resolve();
      },
    );
    await limiter.take();
    await limiter.take();
    expect(slept).toEqual([]);
    await limiter.take();
    // The third request in the same instant waits one token's worth: 100 ms at 10/s.
    expect(slept.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 5);
  });

  it('takes exactly the burst without waiting and waits for the one past it', () => {
    let now = 0;
    const limiter = new RateLimiter(1000, 5, () => now);
    for (let i = 0; i < 5; i += 1) {
      expect(limiter.waitMs()).toBe(0);
      void limiter.take();
    }
    expect(limiter.waitMs()).toBeGreaterThan(0);
    now += 1;
    expect(limiter.waitMs()).toBe(0);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new RateLimiter(0)).toThrow('positive');
  });
});
