import {
  XtOrderStatus,
  XtOrderType,
  XtPriceType,
  asMoney,
  asPrice,
  parsePrice,
  type Price,
} from '@qmt/domain';
import type { XtIpoInfo } from '../session/xt-records.js';
import type { AccountBook, Refusal } from './sim-book.js';
import type { SimFaults } from './sim-faults.js';
import { BrokerEcho, brokerPriceTypeOf, executionStyleOf } from './sim-market-rules.js';
import { defaultDirection, type SimOrder, type SimOrderKind } from './sim-order.js';
import type { SimInstrument, SimQuoteBook } from './sim-quote-book.js';

export interface PlaceRequest {
  readonly accountId: string;
  readonly stockCode: string;
  readonly orderType: number;
  readonly orderVolume: number;
  readonly priceType: number;
  readonly price: number;
  readonly strategyName: string;
  readonly orderRemark: string;
}

export interface AdmissionContext {
  readonly now: Date;
  readonly acceptsOrders: (now: Date) => boolean;
  readonly quotes: SimQuoteBook;
  readonly ipo: Readonly<Record<string, XtIpoInfo>>;
  readonly faults: SimFaults;
  readonly random: () => number;
}

const COUNTER_FAULT = /^\[COUNTER\]\[(-?\d+)\]\[(.*)\]$/;

/** The broker's record of a new order, as the terminal shows it before any check. */
export function newSimOrder(
  request: PlaceRequest,
  book: AccountBook,
  orderId: number,
  now: Date,
  quotes: SimQuoteBook,
  ipoCodes: Readonly<Record<string, XtIpoInfo>>,
): SimOrder {
  const ipo = ipoCodes[request.stockCode];
  const side = book.sideOf(request.orderType);
  const counterOnly = book.completesAtCounter({ orderType: request.orderType } as SimOrder);
  const kind: SimOrderKind = counterOnly ? 'COUNTER' : ipo !== undefined ? 'IPO' : 'EXCHANGE';
  const limit =
    request.priceType === XtPriceType.FIX_PRICE && request.price > 0
      ? parsePrice(request.price)
      : null;
  return {
    orderId,
    sysId: '',
    accountId: book.accountId,
    accountType: book.accountType,
    symbol: request.stockCode,
    name: quotes.instrument(request.stockCode)?.name ?? ipo?.name ?? '',
    orderType: request.orderType,
    side,
    // xttrader casts with int(): fractions are dropped silently (§5.25).
    volume: Math.trunc(request.orderVolume),
    priceType: request.priceType,
    brokerPriceType: echoOf(request, kind),
    limit,
    restLimit: limit,
    // The counter keeps at most 23 characters of the strategy name (§5.13).
    strategyName: request.strategyName.slice(0, 23),
    remark: request.orderRemark,
    time: Math.floor(now.getTime() / 1000),
    kind,
    ...defaultDirection(side),
    traded: 0,
    tradedNotional: asMoney(0n),
    reservePerUnit: asMoney(0n),
    legs: [],
    status: XtOrderStatus.ORDER_UNREPORTED,
    statusMsg: '',
  };
}

function echoOf(request: PlaceRequest, kind: SimOrderKind): number {
  if (kind === 'IPO') {
    return BrokerEcho.SUBSCRIPTION;
  }
  if (request.orderType === XtOrderType.ETF_PURCHASE) {
    return BrokerEcho.FUND_CREATION;
  }
  if (request.orderType === XtOrderType.ETF_REDEMPTION) {
    return BrokerEcho.FUND_REDEMPTION;
  }
  return brokerPriceTypeOf(request.priceType);
}

/** What the book reserves per unit: the limit, else the price the order may reach. */
export function referencePrice(
  order: SimOrder,
  instrument: SimInstrument,
  quotes: SimQuoteBook,
): Price {
  if (order.kind === 'COUNTER') {
    return quotes.quote(order.symbol)?.last ?? asPrice(10_000);
  }
  if (order.limit !== null) {
    return order.limit;
  }
  const quote = quotes.quote(order.symbol);
  if (order.side === 'BUY') {
    return instrument.upLimit ?? quote?.asks.at(-1)?.price ?? quote?.last ?? asPrice(0);
  }
  return quote?.last ?? asPrice(0);
}

/**
 * The counter's own checks before the account's book is asked: session, volume, code, price
 * type on this exchange, price band, subscription quota, and the reject-rate fault.
 */
export function counterRefusal(
  order: SimOrder,
  instrument: SimInstrument,
  ctx: AdmissionContext,
): Refusal | null {
  if (!ctx.acceptsOrders(ctx.now)) {
    return { code: 12313, text: '当前时间不允许此类证券交易' };
  }
  if (order.volume <= 0) {
    return { code: 200002, text: '委托数量错误' };
  }
  if (order.kind === 'EXCHANGE') {
    const refusal = exchangeRefusal(order, instrument, ctx.quotes);
    if (refusal !== null) {
      return refusal;
    }
  }
  if (order.kind === 'IPO') {
    const refusal = ipoRefusal(order, ctx.ipo);
    if (refusal !== null) {
      return refusal;
    }
  }
  if (ctx.faults.rejectRate > 0 && ctx.random() < ctx.faults.rejectRate) {
    const match = COUNTER_FAULT.exec(ctx.faults.rejectReason);
    return match === null
      ? { code: -990, text: ctx.faults.rejectReason }
      : { code: Number(match[1]), text: match[2] ?? '' };
  }
  return null;
}

function exchangeRefusal(
  order: SimOrder,
  instrument: SimInstrument,
  quotes: SimQuoteBook,
): Refusal | null {
  if (quotes.instrument(order.symbol) === undefined) {
    return { code: 200001, text: '证券代码不存在' };
  }
  const style = executionStyleOf(order.priceType, order.symbol);
  if (!style.ok) {
    return { code: style.code, text: style.text };
  }
  if (order.priceType === XtPriceType.FIX_PRICE && order.limit === null) {
    return { code: 200003, text: '委托价格错误' };
  }
  const { upLimit, downLimit } = instrument;
  const outside =
    order.limit !== null &&
    ((upLimit !== null && order.limit > upLimit) ||
      (downLimit !== null && order.limit < downLimit));
  return outside ? { code: 200006, text: '委托价格超出涨跌停范围' } : null;
}

function ipoRefusal(order: SimOrder, ipo: Readonly<Record<string, XtIpoInfo>>): Refusal | null {
  const info = ipo[order.symbol];
  if (info === undefined || order.orderType !== XtOrderType.STOCK_BUY) {
    return { code: 200010, text: '申购只能买入' };
  }
  if (order.volume < info.minPurchaseNum || order.volume > info.maxPurchaseNum) {
    return { code: 280100, text: '超过申购额度' };
  }
  return null;
}
