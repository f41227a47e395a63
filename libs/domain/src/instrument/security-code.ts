// Codes → market, board and instrument type: shared/reference/cn-market-rules.md §1 and the
// xtquant code format `code.market` (xtquant-api.md §5.24).
import { XtMarket } from '../xt/index.js';

export type Market = 'SH' | 'SZ' | 'BJ' | 'SHO' | 'SZO' | 'IF' | 'SF' | 'DF' | 'ZF' | 'INE' | 'GF';
export type InstrumentType =
  'STOCK' | 'ETF' | 'LOF' | 'CONVERTIBLE_BOND' | 'INDEX' | 'FUTURE' | 'OPTION';
export type Board =
  'MAIN' | 'STAR' | 'CHINEXT' | 'BSE' | 'FUND' | 'BOND' | 'INDEX' | 'FUTURE' | 'OPTION';

export interface Security {
  readonly symbol: string;
  readonly code: string;
  readonly market: Market;
  /** xtconstant integer market (cancel by sysid). */
  readonly xtMarket: number;
  readonly board: Board;
  readonly instrumentType: InstrumentType;
  /** Futures product, e.g. IF or rb. */
  readonly product?: string;
}

export type ParsedSecurity =
  | { readonly ok: true; readonly security: Security }
  | { readonly ok: false; readonly reason: string };

const XT_MARKET: Readonly<Record<Market, number>> = {
  SH: XtMarket.SH_MARKET,
  SZ: XtMarket.SZ_MARKET,
  BJ: XtMarket.MARKET_ENUM_BEIJING,
  SHO: XtMarket.MARKET_ENUM_SHANGHAI_STOCK_OPTION,
  SZO: XtMarket.MARKET_ENUM_SHENZHEN_STOCK_OPTION,
  IF: XtMarket.MARKET_ENUM_INDEX_FUTURE,
  SF: XtMarket.MARKET_ENUM_SHANGHAI_FUTURE,
  DF: XtMarket.MARKET_ENUM_DALIANG_FUTURE,
  ZF: XtMarket.MARKET_ENUM_ZHENGZHOU_FUTURE,
  INE: XtMarket.MARKET_ENUM_INTL_ENERGY_FUTURE,
  GF: XtMarket.MARKET_ENUM_GUANGZHOU_FUTURE,
};

const FUTURES_MARKETS: ReadonlySet<string> = new Set(['IF', 'SF', 'DF', 'ZF', 'INE', 'GF']);

type Classified = Pick<Security, 'board' | 'instrumentType'>;

function classifySh(code: string): Classified | undefined {
  const p3 = code.slice(0, 3);
  if (['600', '601', '603', '605'].includes(p3)) {
    return { board: 'MAIN', instrumentType: 'STOCK' };
  }
  if (p3 === '688' || p3 === '689') {
    return { board: 'STAR', instrumentType: 'STOCK' };
  }
  const n3 = Number(p3);
  if ((n3 >= 510 && n3 <= 518) || (n3 >= 560 && n3 <= 563) || p3 === '588') {
    return { board: 'FUND', instrumentType: 'ETF' };
  }
  if (['110', '111', '113', '118'].includes(p3)) {
    return { board: 'BOND', instrumentType: 'CONVERTIBLE_BOND' };
  }
  if (p3 === '000') {
    return { board: 'INDEX', instrumentType: 'INDEX' };
  }
  return undefined;
}

function classifySz(code: string): Classified | undefined {
  const p3 = code.slice(0, 3);
  if (['000', '001', '002', '003'].includes(p3)) {
    return { board: 'MAIN', instrumentType: 'STOCK' };
  }
  if (p3 === '300' || p3 === '301') {
    return { board: 'CHINEXT', instrumentType: 'STOCK' };
  }
  if (p3 === '159') {
    return { board: 'FUND', instrumentType: 'ETF' };
  }
  if (code.startsWith('16')) {
    return { board: 'FUND', instrumentType: 'LOF' };
  }
  if (['123', '127', '128'].includes(p3)) {
    return { board: 'BOND', instrumentType: 'CONVERTIBLE_BOND' };
  }
  if (p3 === '399') {
    return { board: 'INDEX', instrumentType: 'INDEX' };
  }
  return undefined;
}

function classifyBj(code: string): Classified | undefined {
  return ['43', '83', '87', '92'].includes(code.slice(0, 2))
    ? { board: 'BSE', instrumentType: 'STOCK' }
    : undefined;
}

// CFFEX lists index futures and treasury futures only (§1).
const CFFEX_PRODUCTS: ReadonlySet<string> = new Set([
  'IF',
  'IH',
  'IC',
  'IM',
  'T',
  'TF',
  'TS',
  'TL',
]);

/** Product and delivery month of `IF2612`, `rb2605` or `SR605` (CZCE's one-digit year), or why not. */
function parseFuturesCode(
  symbol: string,
  code: string,
  market: Market,
): { readonly product: string } | string {
  const match = /^([A-Za-z]{1,2})(\d{3,4})$/.exec(code);
  const product = match?.[1];
  const yearMonth = match?.[2];
  if (product === undefined || yearMonth === undefined) {
    return `${symbol} is not a futures contract code such as IF2612.IF (product letters, then YYMM)`;
  }
  const month = Number(yearMonth.slice(-2));
  if (month < 1 || month > 12) {
    return `${symbol} has delivery month ${yearMonth.slice(-2)}, which is not 01 to 12`;
  }
  if (market === 'IF' && !CFFEX_PRODUCTS.has(product)) {
    return `${symbol} names product ${product}, which CFFEX does not list (IF, IH, IC, IM, T, TF, TS, TL)`;
  }
  return { product };
}

/**
 * Parses `600000.SH`, `000001.SZ`, `430047.BJ`, `IF2612.IF`, `rb2605.SF`, `10004358.SHO` into
 * market, board and type. The suffix decides: `000001.SH` is an index, `000001.SZ` a bank. The
 * symbol is an identity key across the desk, so nothing is normalised: a lowercase suffix, spaces
 * or a missing suffix are refused with the reason, never guessed.
 */
export function parseSecurityCode(symbol: string): ParsedSecurity {
  const match = /^([A-Za-z0-9]+)\.([A-Z]+)$/.exec(symbol);
  if (match === null) {
    return {
      ok: false,
      reason: `'${symbol}' is not a code with an uppercase market suffix such as 600000.SH`,
    };
  }
  const code = match[1] ?? '';
  const suffix = match[2] ?? '';
  if (!Object.hasOwn(XT_MARKET, suffix)) {
    return { ok: false, reason: `unknown market suffix .${suffix} in ${symbol}` };
  }
  const market = suffix as Market;
  const base = { symbol, code, market, xtMarket: XT_MARKET[market] };
  if (FUTURES_MARKETS.has(market)) {
    const parsed = parseFuturesCode(symbol, code, market);
    return typeof parsed === 'string'
      ? { ok: false, reason: parsed }
      : { ok: true, security: { ...base, board: 'FUTURE', instrumentType: 'FUTURE', ...parsed } };
  }
  if (market === 'SHO' || market === 'SZO') {
    return /^\d{8}$/.test(code)
      ? { ok: true, security: { ...base, board: 'OPTION', instrumentType: 'OPTION' } }
      : { ok: false, reason: `${symbol} is not an 8-digit option code` };
  }
  if (!/^\d{6}$/.test(code)) {
    return { ok: false, reason: `${symbol} must have a 6-digit code on ${market}` };
  }
  const classified =
    market === 'SH' ? classifySh(code) : market === 'SZ' ? classifySz(code) : classifyBj(code);
  if (classified === undefined) {
    return {
      ok: false,
      reason: `${symbol} is not a stock, fund, bond or index code the desk knows`,
    };
  }
  return { ok: true, security: { ...base, ...classified } };
}
