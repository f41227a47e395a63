// A fast sim clock for tests and demos: exchange time runs `scale` times faster than the wall
// clock from a chosen start. Every process of a distributed test computes the same time because
// they share the anchor (the wall instant the start corresponds to), not their own start times.
import { ExchangeClock } from './exchange-clock.js';

export interface ScaledClockOptions {
  /** Exchange instant at the anchor. */
  readonly start: Date;
  /** Wall-clock epoch ms the start corresponds to. */
  readonly anchorMs: number;
  /** Exchange seconds per wall second, > 0. */
  readonly scale: number;
}

export function scaledWallClock(options: ScaledClockOptions): () => Date {
  const { start, anchorMs, scale } = options;
  return () => new Date(start.getTime() + (Date.now() - anchorMs) * scale);
}

/** A sim exchange clock that follows the real timetable from `start`, `scale` times faster. */
export function scaledExchangeClock(options: ScaledClockOptions): ExchangeClock {
  return new ExchangeClock('wall', scaledWallClock(options), options.scale);
}

/**
 * The clock a service uses: the desk's mode, or the fast sim clock of EXCHANGE_CLOCK_START /
 * EXCHANGE_CLOCK_ANCHOR_MS / EXCHANGE_CLOCK_SCALE (sim desks only).
 */
export function exchangeClockOf(
  mode: 'continuous' | 'wall',
  env: {
    readonly EXCHANGE_CLOCK_START?: string | undefined;
    readonly EXCHANGE_CLOCK_ANCHOR_MS?: number | undefined;
    readonly EXCHANGE_CLOCK_SCALE: number;
  },
  simOnly: boolean,
): ExchangeClock {
  if (env.EXCHANGE_CLOCK_START === undefined) {
    return new ExchangeClock(mode);
  }
  if (!simOnly) {
    throw new Error(
      'EXCHANGE_CLOCK_START is for sim desks only: a real broker trades by the wall clock',
    );
  }
  return scaledExchangeClock({
    start: new Date(env.EXCHANGE_CLOCK_START),
    anchorMs: env.EXCHANGE_CLOCK_ANCHOR_MS ?? Date.now(),
    scale: env.EXCHANGE_CLOCK_SCALE,
  });
}
