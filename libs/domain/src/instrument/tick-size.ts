// Minimum price steps: cn-market-rules.md §3 (0.01 stocks, 0.001 funds and convertible bonds,
// 0.2 points for CFFEX index futures, 0.0001 for ETF options).
import { asPrice, type Price } from '../money/index.js';
import type { Security } from './security-code.js';

const INDEX_FUTURES: ReadonlySet<string> = new Set(['IF', 'IH', 'IC', 'IM']);

/**
 * The tick in 0.0001 CNY units when the terminal has not supplied one: 100 (0.01) for stocks and
 * indexes, 10 (0.001) for ETFs, LOFs and convertible bonds, 1 (0.0001) for ETF options, 2000 (0.2)
 * for IF/IH/IC/IM. Other futures get a 1-point placeholder (10000): their ticks vary per contract
 * and must come from the terminal's PriceTick.
 */
export function defaultTickSize(security: Security): Price {
  switch (security.instrumentType) {
    case 'STOCK':
    case 'INDEX':
      return asPrice(100);
    case 'ETF':
    case 'LOF':
    case 'CONVERTIBLE_BOND':
      return asPrice(10);
    case 'OPTION':
      return asPrice(1);
    case 'FUTURE':
      return INDEX_FUTURES.has(security.product ?? '') ? asPrice(2000) : asPrice(10_000);
  }
}

/** Whether a price sits on the tick grid; false for a non-positive tick. */
export function isOnTick(price: Price, tick: Price): boolean {
  return tick > 0 && price % tick === 0;
}
