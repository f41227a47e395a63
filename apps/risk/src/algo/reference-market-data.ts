// The market data the runtime has today, until the connector serves quotes and 1-minute K-lines
// (issue 6 runtime notes): the live sim quote when the desk runs the sim in this process, else
// the sim's own resting quote (previous close, one tick either side); market volume from a
// seeded U-shaped day, which is what the sim's synthetic market is meant to trade; no bars, so
// VWAP follows the default U shape. Swap the adapter, not the runtime, when real data arrives.
import {
  asMoney,
  asPrice,
  defaultUShapedProfile,
  profileMinuteAt,
  secondOfShanghaiDay,
  type MarketInterval,
  type MinuteBar,
  type Quote,
} from '@qmt/domain';
import type { DeskDirectory } from '@qmt/runtime';
import { AlgoMarketData } from './algo-market-data.port.js';

export interface ReferenceMarketOptions {
  /** Shares a symbol trades in a day's continuous session (default 20,000,000). */
  readonly dailyVolume?: number;
  /** ± share of noise on each minute's volume, in [0, 1) (default 0.3). */
  readonly noise?: number;
}

/** A live quote source (the in-process sim's quote book), or null when it has none. */
export type LiveQuotes = (symbol: string) => Quote | null;

// Deterministic noise per (symbol, minute): the same interval always reports the same volume,
// so a replayed bucket sees what the first run saw.
function hashNoise(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i += 1) {
    h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  }
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  h = Math.imul(h ^ (h >>> 13), 3266489909);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

export class ReferenceMarketData extends AlgoMarketData {
  private readonly weights = defaultUShapedProfile().weights;
  private readonly dailyVolume: number;
  private readonly noise: number;
  private live: LiveQuotes | null = null;

  constructor(
    private readonly desk: DeskDirectory,
    options: ReferenceMarketOptions = {},
  ) {
    super();
    this.dailyVolume = options.dailyVolume ?? 20_000_000;
    this.noise = options.noise ?? 0.3;
  }

  /** The desk wires the in-process sim's quotes here once the connector is up. */
  useLiveQuotes(live: LiveQuotes): void {
    this.live = live;
  }

  quote(symbol: string): Promise<Quote | null> {
    const live = this.live?.(symbol) ?? null;
    if (live !== null) {
      return Promise.resolve(live);
    }
    const instrument = this.desk.instrument(symbol);
    if (instrument === undefined) {
      return Promise.resolve(null);
    }
    const { preClose, tickSize } = instrument;
    return Promise.resolve({
      last: preClose,
      bid: asPrice(preClose - tickSize),
      ask: asPrice(preClose + tickSize),
    });
  }

  async traded(symbol: string, from: Date, to: Date): Promise<MarketInterval | null> {
    const quote = await this.quote(symbol);
    if (quote === null || to.getTime() <= from.getTime()) {
      return null;
    }
    let volume = 0;
    let continuous = false;
    const end = to.getTime();
    for (let t = from.getTime(); t < end;) {
      const second = secondOfShanghaiDay(new Date(t));
      const minuteEnd = t + (60 - (second % 60)) * 1000;
      const upTo = Math.min(minuteEnd, end);
      const minute = profileMinuteAt(Math.floor(second));
      if (minute !== null) {
        continuous = true;
        const day = new Date(t).toISOString().slice(0, 10);
        const wobble = 1 + this.noise * (2 * hashNoise(`${symbol}|${day}|${minute}`) - 1);
        volume += ((this.weights[minute] ?? 0) * this.dailyVolume * wobble * (upTo - t)) / 60_000;
      }
      t = upTo;
    }
    if (!continuous) {
      return null;
    }
    const shares = Math.round(volume);
    const price = quote.last ?? quote.bid ?? quote.ask ?? 0;
    return {
      start: from,
      end: to,
      volume: shares,
      notional: asMoney(BigInt(shares) * BigInt(price)),
    };
  }

  minuteBars(): Promise<readonly MinuteBar[]> {
    return Promise.resolve([]);
  }
}
