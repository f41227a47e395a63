import { asPrice, type Price } from '@qmt/domain';

export interface SimQuote {
  readonly last: Price;
  readonly bid: Price;
  readonly ask: Price;
  /** Shares available at bid and at ask. */
  readonly depth: number;
}

export interface SimInstrument {
  readonly symbol: string;
  readonly name: string;
  readonly preClose: Price;
  readonly tick: Price;
}

/**
 * Synthetic quotes for the sim's matching: last = previous close, one tick either side, deep
 * volume, until setQuote moves them (the /v1/sim/ticks control API).
 */
export class SimQuoteBook {
  private readonly quotes = new Map<string, SimQuote>();
  private readonly instruments = new Map<string, SimInstrument>();

  constructor(instruments: readonly SimInstrument[]) {
    for (const instrument of instruments) {
      this.instruments.set(instrument.symbol, instrument);
      this.quotes.set(instrument.symbol, {
        last: instrument.preClose,
        bid: asPrice(instrument.preClose - instrument.tick),
        ask: asPrice(instrument.preClose + instrument.tick),
        depth: 10_000_000,
      });
    }
  }

  instrument(symbol: string): SimInstrument | undefined {
    return this.instruments.get(symbol);
  }

  quote(symbol: string): SimQuote | undefined {
    return this.quotes.get(symbol);
  }

  setQuote(
    symbol: string,
    quote: {
      readonly last: Price;
      readonly bid?: Price;
      readonly ask?: Price;
      readonly depth?: number;
    },
  ): void {
    const instrument = this.instruments.get(symbol);
    if (instrument === undefined) {
      throw new Error(`the sim has no instrument ${symbol}`);
    }
    this.quotes.set(symbol, {
      last: quote.last,
      bid: quote.bid ?? asPrice(quote.last - instrument.tick),
      ask: quote.ask ?? asPrice(quote.last + instrument.tick),
      depth: quote.depth ?? 10_000_000,
    });
  }
}
