import { asPrice, shanghaiTimeOfDay, type Price } from '@qmt/domain';
import { seededRandom } from '../sim-faults.js';
import type { SimClock } from '../sim-clock.js';
import type { SimInstrument, SimTickInput } from '../sim-quote-book.js';
import type { QuoteSource } from './quote-source.js';
import { SESSION_MINUTES, sessionMinuteOf, uShapeWeights } from './u-shape.js';

export interface SyntheticTicksOptions {
  readonly seed: number;
  /** Sim milliseconds between two snapshots of a code (the terminal pushes about every 3 s). */
  readonly intervalMs: number;
  /** Shares (contracts) a code trades in a whole day, spread along the U. */
  readonly dailyVolume: number;
  /** True when the desk trades round the clock (the continuous clock): minutes wrap the session. */
  readonly alwaysOpen: boolean;
}

interface TickState {
  last: Price;
  volume: number;
  amount: number;
}

const WEIGHTS = uShapeWeights();
const roundToLot = (volume: number, lot: number): number =>
  Math.max(lot, Math.round(volume / lot) * lot);

/**
 * One synthetic snapshot: a random walk of at most one tick, volume from the U-shape weight of
 * the minute with ±50 % noise, five levels a side whose depth scales with that volume. Pure
 * given the random source.
 */
export function nextSyntheticTick(
  instrument: SimInstrument,
  state: TickState,
  minute: number,
  options: Pick<SyntheticTicksOptions, 'intervalMs' | 'dailyVolume'>,
  random: () => number,
): SimTickInput {
  const lot = instrument.multiplier > 1 ? 1 : 100;
  const step = random();
  const move = step < 0.15 ? -1 : step > 0.85 ? 1 : 0;
  const floor = instrument.downLimit ?? instrument.tick;
  const ceiling = instrument.upLimit ?? asPrice(instrument.preClose * 2);
  const last = asPrice(Math.min(ceiling, Math.max(floor, state.last + move * instrument.tick)));
  const weight = WEIGHTS[minute % SESSION_MINUTES] ?? 1 / SESSION_MINUTES;
  const perTick = options.dailyVolume * weight * (options.intervalMs / 60_000) * (0.5 + random());
  const traded = roundToLot(perTick, lot);
  state.last = last;
  state.volume += traded;
  state.amount += (last / 10_000) * traded * instrument.multiplier;
  const level = (i: number, sign: 1 | -1) => ({
    price: asPrice(last + sign * (i + 1) * instrument.tick),
    volume: roundToLot(traded * (0.5 + random()), lot),
  });
  return {
    last,
    bids: [0, 1, 2, 3, 4].map((i) => level(i, -1)).filter((l) => l.price >= floor),
    asks: [0, 1, 2, 3, 4].map((i) => level(i, 1)).filter((l) => l.price <= ceiling),
    volume: state.volume,
    amount: state.amount,
  };
}

/** Seeded synthetic quotes on the sim clock, one snapshot per code per interval. */
export class SyntheticTicks implements QuoteSource {
  private timer: NodeJS.Timeout | undefined;
  private readonly states = new Map<string, TickState>();
  private readonly random: () => number;

  constructor(
    private readonly instruments: readonly SimInstrument[],
    private readonly clock: SimClock,
    private readonly options: SyntheticTicksOptions,
  ) {
    this.random = seededRandom(options.seed);
    for (const instrument of instruments) {
      this.states.set(instrument.symbol, { last: instrument.preClose, volume: 0, amount: 0 });
    }
  }

  start(apply: (symbol: string, tick: SimTickInput) => void): void {
    this.stop();
    this.timer = setInterval(
      () => this.tick(apply),
      Math.max(1, this.clock.realMs(this.options.intervalMs)),
    );
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round of snapshots now (also what the timer does). */
  tick(apply: (symbol: string, tick: SimTickInput) => void): void {
    const now = this.clock.now();
    const { hours, minutes } = shanghaiTimeOfDay(now);
    const minute =
      sessionMinuteOf(hours, minutes) ??
      (this.options.alwaysOpen ? (hours * 60 + minutes) % SESSION_MINUTES : null);
    if (minute === null) {
      return;
    }
    for (const instrument of this.instruments) {
      const state = this.states.get(instrument.symbol);
      if (state !== undefined) {
        apply(instrument.symbol, {
          ...nextSyntheticTick(instrument, state, minute, this.options, this.random),
          time: now.getTime(),
        });
      }
    }
  }
}
