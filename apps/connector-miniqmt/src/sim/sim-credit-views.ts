import { parseSecurityCode } from '@qmt/domain';
import type {
  XtCreditAssure,
  XtCreditSloCode,
  XtCreditSubject,
  XtStkCompact,
} from '../session/xt-records.js';
import type { CreditBookState } from './sim-credit-book.js';
import type { SimInstrument } from './sim-quote-book.js';
import { yuan } from './sim-stock-book.js';

// The xttype views of a credit account's lists (xtquant-api §2.7), from the book's plain state.

/** Every stock and fund is a margin subject of the sim counter. */
export function isMarginable(instrument: SimInstrument): boolean {
  const parsed = parseSecurityCode(instrument.symbol);
  return (
    parsed.ok &&
    (parsed.security.instrumentType === 'STOCK' || parsed.security.instrumentType === 'ETF')
  );
}

export function xtMarketOfCode(symbol: string): number {
  const parsed = parseSecurityCode(symbol);
  return parsed.ok ? parsed.security.xtMarket : -1;
}

const instrumentId = (symbol: string): string => symbol.split('.')[0] ?? symbol;

/** Open compacts: financing (0) by balance, securities loans (1) by volume. */
export function compactViews(c: CreditBookState): XtStkCompact[] {
  return c.compacts
    .filter((k) => k.volume > 0 || k.balance > 0n)
    .map((k) => ({
      account_type: c.accountType,
      account_id: c.accountId,
      compact_type: k.compactType,
      cashgroup_prop: 0,
      exchange_id: xtMarketOfCode(k.symbol),
      open_date: k.openDate,
      business_vol: k.openVolume,
      real_compact_vol: k.volume,
      ret_end_date: k.openDate + 180 * 86_400,
      business_balance: yuan(k.openBalance),
      businessFare: 0,
      real_compact_balance: yuan(k.balance),
      real_compact_fare: 0,
      repaid_fare: 0,
      repaid_balance: yuan(k.openBalance - k.balance),
      instrument_id: instrumentId(k.symbol),
      compact_id: k.compactId,
      position_str: k.compactId,
    }));
}

export function subjectViews(
  c: CreditBookState,
  instruments: readonly SimInstrument[],
  finRatio: number,
  sloRatio: number,
): XtCreditSubject[] {
  return instruments.map((i) => ({
    account_type: c.accountType,
    account_id: c.accountId,
    slo_status: 0,
    fin_status: 0,
    exchange_id: xtMarketOfCode(i.symbol),
    slo_ratio: sloRatio,
    fin_ratio: finRatio,
    instrument_id: instrumentId(i.symbol),
  }));
}

export function sloCodeViews(
  c: CreditBookState,
  instruments: readonly SimInstrument[],
  lendable: (symbol: string) => number,
): XtCreditSloCode[] {
  return instruments.map((i) => ({
    account_type: c.accountType,
    account_id: c.accountId,
    cashgroup_prop: 0,
    exchange_id: xtMarketOfCode(i.symbol),
    enable_amount: lendable(i.symbol),
    instrument_id: instrumentId(i.symbol),
  }));
}

export function assureViews(
  c: CreditBookState,
  instruments: readonly SimInstrument[],
  assureRatio: number,
): XtCreditAssure[] {
  return instruments.map((i) => ({
    account_type: c.accountType,
    account_id: c.accountId,
    assure_status: 0,
    exchange_id: xtMarketOfCode(i.symbol),
    assure_ratio: assureRatio,
    instrument_id: instrumentId(i.symbol),
  }));
}
