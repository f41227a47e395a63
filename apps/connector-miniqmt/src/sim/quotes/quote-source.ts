import type { SimTickInput } from '../sim-quote-book.js';

/** Where the sim's quotes come from; `apply` sets a tick and lets resting orders trade. */
export interface QuoteSource {
  start(apply: (symbol: string, tick: SimTickInput) => void): void;
  stop(): void;
}

/** The control API's quotes only: previous close ± one tick until POST /v1/sim/ticks moves them. */
export class StaticQuotes implements QuoteSource {
  start(): void {
    // Nothing moves by itself.
  }

  stop(): void {
    // Nothing to stop.
  }
}
