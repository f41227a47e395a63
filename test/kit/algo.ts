// Helpers for algo tests: a fast sim exchange clock on a recent weekday, and readers of a
// parent's detail.
import { ExchangeClock } from '@qmt/runtime';

/** The most recent weekday (Shanghai) on or before today, 'YYYY-MM-DD'. */
export function recentWeekday(now = new Date()): string {
  for (let back = 0; back < 7; back += 1) {
    const day = new Date(now.getTime() + 8 * 3600_000 - back * 86_400_000);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) {
      return day.toISOString().slice(0, 10);
    }
  }
  throw new Error('no weekday in a week');
}

export interface FastClock {
  readonly clock: ExchangeClock;
  readonly day: string;
  readonly start: Date;
  readonly scale: number;
  /** Starts the clock running from `start` now (it stands still until then). */
  go(): void;
  /** The env that gives a spawned service the same clock, anchored at `anchorMs`. */
  env(anchorMs: number): Record<string, string>;
}

/**
 * Exchange time `hhmmss` on a recent weekday, standing still until go() (so a desk's boot does
 * not eat the morning), then running `scale` times faster than the wall clock.
 */
export function fastSimClock(hhmmss: string, scale: number): FastClock {
  const day = recentWeekday();
  const start = new Date(`${day}T${hhmmss}+08:00`);
  let anchorMs: number | null = null;
  const now = () =>
    anchorMs === null ? start : new Date(start.getTime() + (Date.now() - anchorMs) * scale);
  return {
    clock: new ExchangeClock('wall', now, scale),
    day,
    start,
    scale,
    go: () => {
      anchorMs = Date.now();
    },
    env: (anchor: number) => ({
      EXCHANGE_CLOCK_START: start.toISOString(),
      EXCHANGE_CLOCK_ANCHOR_MS: String(anchor),
      EXCHANGE_CLOCK_SCALE: String(scale),
    }),
  };
}

export interface AlgoBucketJson {
  readonly index: number;
  readonly start: string;
  readonly end: string;
  readonly cumulativeTarget: number;
  readonly childQuantity: number | null;
  readonly childOrderId: string | null;
  readonly price: number | null;
  readonly limitedBy: string | null;
  readonly participationCap: number | null;
  readonly skipped: string | null;
  readonly filledQuantity: number | null;
  readonly marketVolume: number | null;
}

export interface AlgoJson {
  readonly state: string;
  readonly control: string;
  readonly progress: {
    readonly filledQuantity: number;
    readonly workingQuantity: number;
    readonly remainingQuantity: number;
    readonly childCount: number;
    readonly workingChildCount: number;
    readonly nextBucket: number;
    readonly bucketCount: number;
  };
  readonly quality: {
    readonly realisedVwap: number | null;
    readonly marketVwap: number | null;
    readonly slippageBps: number | null;
    readonly fillRate: number;
    readonly participation: number | null;
    readonly trackingError: {
      readonly max: number;
      readonly rms: number;
      readonly buckets: number;
    };
  };
  readonly buckets: readonly AlgoBucketJson[];
}
