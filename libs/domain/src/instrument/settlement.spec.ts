import { parseSecurityCode } from './security-code.js';
import { settlementOf, type Settlement } from './settlement.js';

function security(symbol: string) {
  const parsed = parseSecurityCode(symbol);
  if (!parsed.ok) {
    throw new Error(parsed.reason);
  }
  return parsed.security;
}

describe('settlementOf (cn-market-rules §6)', () => {
  it.each<[string, boolean, Settlement]>([
    ['600000.SH', false, 'T1'],
    ['688981.SH', false, 'T1'],
    ['430047.BJ', false, 'T1'],
    ['510300.SH', false, 'T1'],
    ['511880.SH', true, 'T0'],
    ['113050.SH', false, 'T0'],
    ['IF2612.IF', false, 'T0'],
    ['10004358.SHO', false, 'T0'],
    // The T+0 fund flag is for funds; a stock stays T+1.
    ['000001.SZ', true, 'T1'],
  ])('%s (T+0 fund flag %s) settles %s', (symbol, tPlusZeroFund, expected) => {
    expect(settlementOf(security(symbol), tPlusZeroFund)).toBe(expected);
  });
});
