import { asPrice, type Price } from '@qmt/domain';

export interface SimLevel {
  readonly price: Price;
  /** Shares (contracts for derivatives) shown at the level. */
  volume: number;
}

export interface SimQuote {
  readonly last: Price;
  /** Best first. */
  readonly bids: SimLevel[];
  readonly asks: SimLevel[];
  /** Cumulative traded volume and amount (yuan) of the day, as the quote source reports them. */
  readonly volume: number;
  readonly amount: number;
  readonly open: Price;
  readonly high: Price;
  readonly low: Price;
  /** Epoch ms of the tick. */
  readonly time: number;
}

export interface SimInstrument {
  readonly symbol: string;
  readonly name: string;
  readonly preClose: Price;
  readonly tick: Price;
  /** Contract multiplier: 1 for cash securities. */
  readonly multiplier: number;
  /** Margin ratio of a futures or short option position (0.12 = 12 %). */
  readonly marginRatio: number;
  readonly upLimit: Price | null;
  readonly downLimit: Price | null;
}

/** A tick as the control API or a quote source gives it: last, optional sides. */
export interface SimTickInput {
  readonly last: Price;
  readonly bid?: Price;
  readonly ask?: Price;
  readonly bids?: readonly { readonly price: Price; readonly volume: number }[];
  readonly asks?: readonly { readonly price: Price; readonly volume: number }[];
  /** Depth at each default level when no levels are given. */
  readonly depth?: number;
  readonly volume?: number;
  readonly amount?: number;
  readonly time?: number;
}

export const DEEP = 10_000_000;

/**
 * The quote each instrument trades against. With `consumeDepth` (synthetic and replayed
 * quotes) what an order takes is gone until the next tick, so fills are limited by the quoted
 * volume; without it (the static quotes of the control API) the quote is a price, and its depth
 * a per-order cap.
 */
export class SimQuoteBook {
  private readonly quotes = new Map<string, SimQuote>();
  private readonly instruments = new Map<string, SimInstrument>();

  constructor(
    instruments: readonly SimInstrument[],
    readonly consumeDepth = false,
  ) {
    for (const instrument of instruments) {
      this.instruments.set(instrument.symbol, instrument);
      this.quotes.set(instrument.symbol, this.build(instrument, { last: instrument.preClose }, 0));
    }
  }

  instrument(symbol: string): SimInstrument | undefined {
    return this.instruments.get(symbol);
  }

  allInstruments(): SimInstrument[] {
    return [...this.instruments.values()];
  }

  quote(symbol: string): SimQuote | undefined {
    return this.quotes.get(symbol);
  }

  setQuote(symbol: string, tick: SimTickInput): SimQuote {
    const instrument = this.instruments.get(symbol);
    if (instrument === undefined) {
      throw new Error(`the sim has no instrument ${symbol}`);
    }
    const quote = this.build(instrument, tick, tick.time ?? 0, this.quotes.get(symbol));
    this.quotes.set(symbol, quote);
    return quote;
  }

  /** Takes volume from one level of a side (after a fill against it). */
  take(symbol: string, side: 'bids' | 'asks', price: Price, volume: number): void {
    if (!this.consumeDepth) {
      return;
    }
    const level = this.quotes.get(symbol)?.[side].find((l) => l.price === price);
    if (level !== undefined) {
      level.volume = Math.max(0, level.volume - volume);
    }
  }

  private build(
    instrument: SimInstrument,
    tick: SimTickInput,
    time: number,
    previous?: SimQuote,
  ): SimQuote {
    const depth = tick.depth ?? DEEP;
    const bestBid = tick.bid ?? asPrice(Math.max(instrument.tick, tick.last - instrument.tick));
    const bestAsk = tick.ask ?? asPrice(tick.last + instrument.tick);
    const ladder = (best: Price, step: number): SimLevel[] =>
      [0, 1, 2, 3, 4]
        .map((i) => ({ price: asPrice(best + step * i * instrument.tick), volume: depth }))
        .filter((level) => level.price > 0);
    const copy = (levels: readonly { price: Price; volume: number }[]): SimLevel[] =>
      levels.map((l) => ({ price: l.price, volume: l.volume }));
    return {
      last: tick.last,
      bids: tick.bids === undefined ? ladder(bestBid, -1) : copy(tick.bids),
      asks: tick.asks === undefined ? ladder(bestAsk, 1) : copy(tick.asks),
      volume: tick.volume ?? previous?.volume ?? 0,
      amount: tick.amount ?? previous?.amount ?? 0,
      open: previous?.open ?? tick.last,
      high: asPrice(Math.max(previous?.high ?? tick.last, tick.last)),
      low: asPrice(Math.min(previous?.low ?? tick.last, tick.last)),
      time,
    };
  }
}
