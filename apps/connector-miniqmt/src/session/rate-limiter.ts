/**
 * A token bucket towards miniQMT (xtquant-api §5.19: xtquant has no limit of its own, counters
 * and exchange rules do): `perSecond` requests a second on average, bursts up to `burst`. A
 * request waits for its token rather than being refused; waiting is in the caller's order.
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    readonly perSecond: number,
    readonly burst: number = Math.max(1, Math.ceil(perSecond / 10)),
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {
    if (!(perSecond > 0)) {
      throw new Error(`rate limit must be positive, got ${perSecond}`);
    }
    this.tokens = this.burst;
    this.last = now();
  }

  /** Milliseconds until a token is free now (0 when one is), without taking it. */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.perSecond) * 1000;
  }

  /** Resolves when the caller may send. */
  take(): Promise<void> {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    const turn = this.queue.then(async () => {
      for (let wait = this.waitMs(); wait > 0; wait = this.waitMs()) {
        await this.sleep(wait);
      }
      this.tokens -= 1;
    });
    this.queue = turn;
    return turn;
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }
}
