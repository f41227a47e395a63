import type { MarketInterval, MinuteBar, Quote } from '@qmt/domain';

/**
 * What the algo runtime needs from the market, per symbol: the live quote a child is priced
 * from, the volume and notional traded over an interval (participation cap, market VWAP), and
 * recent days' 1-minute bars (the VWAP profile). Volumes in shares, prices in 0.0001 CNY.
 */
export abstract class AlgoMarketData {
  abstract quote(symbol: string): Promise<Quote | null>;
  /** Traded over [from, to); null when unknown (no cap is then applied). */
  abstract traded(symbol: string, from: Date, to: Date): Promise<MarketInterval | null>;
  /** 1-minute bars of the trading days before `day` (xtdata labels: bar end); [] when none. */
  abstract minuteBars(symbol: string, day: string, days: number): Promise<readonly MinuteBar[]>;
}
