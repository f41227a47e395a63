// What may be sold the day it is bought: cn-market-rules.md §6. A-shares, most ETFs and LOFs
// settle T+1; convertible bonds, futures and options T+0, and so do bond, gold, cross-border and
// money ETFs, which the code alone cannot tell apart: the directory says so per fund.
import type { Security } from './security-code.js';

export type Settlement = 'T0' | 'T1';

export function settlementOf(security: Security, tPlusZeroFund = false): Settlement {
  switch (security.instrumentType) {
    case 'CONVERTIBLE_BOND':
    case 'FUTURE':
    case 'OPTION':
      return 'T0';
    case 'ETF':
    case 'LOF':
      return tPlusZeroFund ? 'T0' : 'T1';
    case 'STOCK':
    case 'INDEX':
      return 'T1';
  }
}
