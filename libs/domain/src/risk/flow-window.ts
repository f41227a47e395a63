// Sliding-window counters for the flow rules (cn-market-rules §8 counts orders plus cancels per
// second and per day). Time is passed in as epoch milliseconds; no timers: a bucket whose second
// has passed is reset when it is next touched, so memory is fixed and every call is O(window).

/** Counts per whole second in a ring of `spanSeconds` buckets. */
export class RateWindow {
  private readonly seconds: number[];
  private readonly counts: number[];

  constructor(readonly spanSeconds = 60) {
    if (!Number.isInteger(spanSeconds) || spanSeconds < 1) {
      throw new RangeError(`a rate window spans a whole number of seconds ≥ 1, not ${spanSeconds}`);
    }
    this.seconds = new Array<number>(spanSeconds).fill(-1);
    this.counts = new Array<number>(spanSeconds).fill(0);
  }

  /** Adds `count` events at `nowMs`; answers the events of that second so far. */
  record(nowMs: number, count = 1): number {
    const second = Math.floor(nowMs / 1000);
    const slot = second % this.spanSeconds;
    if (this.seconds[slot] !== second) {
      this.seconds[slot] = second;
      this.counts[slot] = 0;
    }
    const total = (this.counts[slot] ?? 0) + count;
    this.counts[slot] = total;
    return total;
  }

  /**
   * Events in the whole seconds covering the last `windowMs` up to `nowMs`: 1000 is the current
   * second only (the exchanges count per second), 5000 the current one and the four before it.
   */
  countSince(nowMs: number, windowMs: number): number {
    const current = Math.floor(nowMs / 1000);
    const span = Math.min(Math.max(Math.ceil(windowMs / 1000), 1), this.spanSeconds);
    let total = 0;
    for (let second = current - span + 1; second <= current; second++) {
      const slot = ((second % this.spanSeconds) + this.spanSeconds) % this.spanSeconds;
      if (this.seconds[slot] === second) {
        total += this.counts[slot] ?? 0;
      }
    }
    return total;
  }
}

/** A count that starts again on each trading day ('YYYY-MM-DD', Asia/Shanghai). */
export interface DailyCount {
  readonly day: string;
  readonly count: number;
}

export function addToDailyCount(
  counter: DailyCount | undefined,
  day: string,
  count = 1,
): DailyCount {
  return { day, count: (counter?.day === day ? counter.count : 0) + count };
}

export function dailyCountOn(counter: DailyCount | undefined, day: string): number {
  return counter?.day === day ? counter.count : 0;
}
