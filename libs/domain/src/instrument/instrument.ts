// Reference data for one tradable code: the fields the rules of cn-market-rules.md §2 (price
// limits), §3 (tick, lot) and §6 (settlement) read. Plain data, filled by the desk directory.
import type { Price } from '../money/index.js';
import type { Security } from './security-code.js';

export interface Instrument {
  readonly security: Security;
  readonly name: string;
  /** Previous close in 0.0001 CNY units; 0 when unknown (no computed price band then). */
  readonly preClose: Price;
  readonly tickSize: Price;
  /** The terminal's UpStopPrice when known; preferred over the computed band (§2). */
  readonly upLimit: Price | null;
  /** The terminal's DownStopPrice when known. */
  readonly downLimit: Price | null;
  readonly status: 'TRADING' | 'SUSPENDED';
  readonly isSt: boolean;
  /** 1 on the listing day; null when unknown (treated as a seasoned listing). */
  readonly daysSinceListing: number | null;
  /** Contract multiplier (1 for stocks, funds and bonds). */
  readonly multiplier: number;
}
