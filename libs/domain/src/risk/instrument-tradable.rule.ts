// A suspended instrument takes no orders and an index is never tradable: cn-market-rules.md §1
// (indexes) and §5; suspension comes from the tick status, not InstrumentStatus (xtquant §4.5).
import { PASS, fail } from './verdict.js';
import type { RiskRule } from './risk-context.js';

export const instrumentTradableRule: RiskRule = ({ instrument }) => {
  const { symbol, instrumentType } = instrument.security;
  if (instrumentType === 'INDEX') {
    return fail('UNKNOWN_INSTRUMENT', `${symbol} is an index, not a tradable instrument`, {
      observed: instrumentType,
      limit: 'a tradable instrument',
      symbol,
    });
  }
  if (instrument.status === 'SUSPENDED') {
    return fail('INSTRUMENT_HALTED', `${symbol} is suspended from trading today`, {
      observed: instrument.status,
      limit: 'TRADING',
      symbol,
      status: instrument.status,
    });
  }
  return PASS;
};
