/**
 * The sim's own time: the base clock's instant at start, then `speed` sim seconds per real
 * second, so a trading day can pass in minutes of a test. Timers are in sim time too: a
 * callback latency of 10 ms at speed 60 waits 1/6 ms of real time.
 */
export class SimClock {
  private readonly startedAt: number;
  private readonly realStart: number;

  constructor(
    private readonly base: () => Date,
    readonly speed = 1,
    private readonly realNow: () => number = () => performance.now(),
  ) {
    if (!(speed > 0) || !Number.isFinite(speed)) {
      throw new Error(`sim clock speed must be a positive number, got ${speed}`);
    }
    this.startedAt = base().getTime();
    this.realStart = realNow();
  }

  now(): Date {
    if (this.speed === 1) {
      return this.base();
    }
    return new Date(this.startedAt + (this.realNow() - this.realStart) * this.speed);
  }

  /** Real milliseconds for a sim duration. */
  realMs(simMs: number): number {
    return simMs / this.speed;
  }

  sleep(simMs: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, this.realMs(simMs)));
  }
}
