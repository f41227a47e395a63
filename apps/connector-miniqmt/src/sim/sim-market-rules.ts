import { XtBrokerPriceType, XtPriceType, parseSecurityCode, type Market } from '@qmt/domain';

/**
 * How one submitted price type executes on the sim's exchange (xtquant-api §1.3): which book
 * levels it may take, at what limit, and what happens to the rest.
 */
export interface ExecutionStyle {
  /** Opposite-side levels it may take now (Infinity: all). */
  readonly levels: number;
  /** Where its limit comes from. */
  readonly limit: 'ORDER' | 'LAST' | 'NONE' | 'BEST_OPPOSITE' | 'BEST_OWN';
  /** The rest after the immediate part: stays as a limit order, or is cancelled. */
  readonly remainder: 'REST' | 'CANCEL' | 'REST_AT_LAST_FILL';
  /** Fill-or-kill: all now or nothing. */
  readonly allOrNone: boolean;
}

const limitOrder: ExecutionStyle = {
  levels: Infinity,
  limit: 'ORDER',
  remainder: 'REST',
  allOrNone: false,
};
const ioc = (levels: number): ExecutionStyle => ({
  levels,
  limit: 'NONE',
  remainder: 'CANCEL',
  allOrNone: false,
});
const toLimit = (levels: number): ExecutionStyle => ({
  levels,
  limit: 'NONE',
  remainder: 'REST_AT_LAST_FILL',
  allOrNone: false,
});
const fok: ExecutionStyle = {
  levels: Infinity,
  limit: 'NONE',
  remainder: 'CANCEL',
  allOrNone: true,
};

/** Markets on which each market price type is valid (the source comments of xtconstant.py). */
const STYLES: ReadonlyMap<
  number,
  { readonly style: ExecutionStyle; readonly markets: readonly Market[] | 'ANY' }
> = new Map([
  [XtPriceType.FIX_PRICE, { style: limitOrder, markets: 'ANY' }],
  [XtPriceType.LATEST_PRICE, { style: { ...limitOrder, limit: 'LAST' }, markets: 'ANY' }],
  [XtPriceType.MARKET_SH_CONVERT_5_CANCEL, { style: ioc(5), markets: ['SH', 'BJ'] }],
  [XtPriceType.MARKET_SH_CONVERT_5_LIMIT, { style: toLimit(5), markets: ['SH', 'BJ'] }],
  [
    XtPriceType.MARKET_PEER_PRICE_FIRST,
    {
      style: { ...limitOrder, levels: 1, limit: 'BEST_OPPOSITE' },
      markets: ['SH', 'SZ', 'BJ', 'SZO'],
    },
  ],
  [
    XtPriceType.MARKET_MINE_PRICE_FIRST,
    { style: { ...limitOrder, levels: 1, limit: 'BEST_OWN' }, markets: ['SH', 'SZ', 'BJ', 'SZO'] },
  ],
  [XtPriceType.MARKET_SZ_INSTBUSI_RESTCANCEL, { style: ioc(Infinity), markets: ['SZ', 'SZO'] }],
  [XtPriceType.MARKET_SZ_CONVERT_5_CANCEL, { style: ioc(5), markets: ['SZ', 'SZO'] }],
  [XtPriceType.MARKET_SZ_FULL_OR_CANCEL, { style: fok, markets: ['SZ', 'SZO'] }],
  [XtPriceType.MARKET_BEST, { style: ioc(Infinity), markets: ['ZF'] }],
  [XtPriceType.MARKET_CANCEL, { style: ioc(Infinity), markets: ['DF'] }],
  [XtPriceType.MARKET_CANCEL_ALL, { style: fok, markets: ['DF'] }],
  [XtPriceType.MARKET_CANCEL_1, { style: ioc(1), markets: ['IF'] }],
  [XtPriceType.MARKET_CANCEL_5, { style: ioc(5), markets: ['IF'] }],
  [XtPriceType.MARKET_CONVERT_1, { style: toLimit(1), markets: ['IF'] }],
  [XtPriceType.MARKET_CONVERT_5, { style: toLimit(5), markets: ['IF'] }],
]);

export type StyleOf =
  | { readonly ok: true; readonly style: ExecutionStyle }
  | { readonly ok: false; readonly code: number; readonly text: string };

/** The execution style of a price type on a code's exchange, or the counter's refusal. */
export function executionStyleOf(priceType: number, symbol: string): StyleOf {
  const entry = STYLES.get(priceType);
  if (entry === undefined) {
    return { ok: false, code: 200004, text: '报价类型错误' };
  }
  const market = marketOf(symbol);
  if (entry.markets !== 'ANY' && (market === undefined || !entry.markets.includes(market))) {
    return { ok: false, code: 200005, text: '该市场不支持此报价方式' };
  }
  return { ok: true, style: entry.style };
}

// Codes are few and parsed on every order: remember them.
const SECURITIES = new Map<string, ReturnType<typeof parseSecurityCode>>();
function securityOf(symbol: string): ReturnType<typeof parseSecurityCode> {
  let parsed = SECURITIES.get(symbol);
  if (parsed === undefined) {
    parsed = parseSecurityCode(symbol);
    if (SECURITIES.size < 100_000) {
      SECURITIES.set(symbol, parsed);
    }
  }
  return parsed;
}

export function marketOf(symbol: string): Market | undefined {
  const parsed = securityOf(symbol);
  return parsed.ok ? parsed.security.market : undefined;
}

/** xtconstant integer market of a code (cancel by sysid, XtCancelError.market). */
export function xtMarketOf(symbol: string): number {
  const parsed = securityOf(symbol);
  return parsed.ok ? parsed.security.xtMarket : -1;
}

/** 'SH' / 0 / … as cancel_order_stock_sysid accepts them, normalised to the integer enum. */
export function xtMarketFromArgument(market: number | string): number {
  if (typeof market === 'number') {
    return market;
  }
  const parsed = parseSecurityCode(`000000.${market}`);
  return parsed.ok ? parsed.security.xtMarket : -1;
}

/**
 * The broker price-type enum an order echoes (xtquant-api §5.11, appendix B): never the
 * submitted code, which is why the OMS keeps its own.
 */
export const BrokerEcho = {
  LIMIT: XtBrokerPriceType.LIMIT,
  MARKET: XtBrokerPriceType.MARKET,
  PEER_BEST: 84,
  BEST5_TO_LIMIT: 85,
  OWN_BEST: 86,
  IOC: 87,
  BEST5_IOC: XtBrokerPriceType.BEST_FIVE_IOC,
  FOK: 89,
  SUBSCRIPTION: 54,
  FUND_CREATION: 81,
  FUND_REDEMPTION: 79,
} as const;

const ECHO: ReadonlyMap<number, number> = new Map([
  [XtPriceType.FIX_PRICE, BrokerEcho.LIMIT],
  [XtPriceType.LATEST_PRICE, BrokerEcho.LIMIT],
  [XtPriceType.MARKET_SH_CONVERT_5_CANCEL, BrokerEcho.BEST5_IOC],
  [XtPriceType.MARKET_SH_CONVERT_5_LIMIT, BrokerEcho.BEST5_TO_LIMIT],
  [XtPriceType.MARKET_PEER_PRICE_FIRST, BrokerEcho.PEER_BEST],
  [XtPriceType.MARKET_MINE_PRICE_FIRST, BrokerEcho.OWN_BEST],
  [XtPriceType.MARKET_SZ_INSTBUSI_RESTCANCEL, BrokerEcho.IOC],
  [XtPriceType.MARKET_SZ_CONVERT_5_CANCEL, BrokerEcho.BEST5_IOC],
  [XtPriceType.MARKET_SZ_FULL_OR_CANCEL, BrokerEcho.FOK],
]);

export function brokerPriceTypeOf(priceType: number): number {
  return ECHO.get(priceType) ?? BrokerEcho.MARKET;
}
