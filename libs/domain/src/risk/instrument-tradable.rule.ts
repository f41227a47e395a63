// A suspended instrument takes no orders (cn-market-rules §5; xtquant-api §4.5: suspension comes
// from tick status, not InstrumentStatus).
import { PASS, fail, type RiskRule } from './verdict.js';

export const instrumentTradableRule: RiskRule = ({ instrument }) =>
  instrument.status === 'SUSPENDED'
    ? fail('INSTRUMENT_HALTED', `${instrument.security.symbol} is suspended from trading`, {
        symbol: instrument.security.symbol,
        status: instrument.status,
      })
    : PASS;
