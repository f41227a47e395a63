import {
  XtDirection,
  XtOffsetFlag,
  XtOrderType,
  asMoney,
  parseSecurityCode,
  priceToYuan,
  sideOfOrderType,
  type Money,
  type Price,
  type XtAsset,
  type XtPosition,
} from '@qmt/domain';
import type { SimInstrument } from './sim-quote-book.js';
import type { AccountBook, BookFill, BookOrder, MarkOf, Refusal } from './sim-book.js';

export interface StockHolding {
  volume: number;
  /** Sellable now: T+1, so today's buys are not included (bonds are T+0). */
  canUse: number;
  frozen: number;
  yesterday: number;
  cost: Money;
}

export interface StockBookState {
  accountId: string;
  accountType: number;
  cash: Money;
  frozenCash: Money;
  holdings: Record<string, StockHolding>;
}

export const NOT_THIS_ACCOUNT: Refusal = { code: 200010, text: '该账户类型不支持此委托类型' };
export const NO_CASH: Refusal = { code: 260200, text: '可用资金不足' };
export const NO_SHARES: Refusal = { code: 260300, text: '可用股份不足' };

const yuan = (money: bigint): number => Number(money) / 10_000;
const amountOf = (price: Price, volume: number, multiplier = 1): Money =>
  asMoney(BigInt(price) * BigInt(volume) * BigInt(multiplier));

/** T+0 instruments: convertible bonds (cn-market-rules §6). */
function sellableSameDay(symbol: string): boolean {
  const parsed = parseSecurityCode(symbol);
  return parsed.ok && parsed.security.instrumentType === 'CONVERTIBLE_BOND';
}

/**
 * A cash equity account (SECURITY, 2): buy 23 and sell 24, ETF creation 134 and redemption 135
 * (all-cash, at the last price), frozen cash for working buys, frozen shares for working sells.
 */
export class StockBook implements AccountBook {
  constructor(protected readonly s: StockBookState) {}

  static open(
    accountId: string,
    accountType: number,
    cash: Money,
    holdings: readonly { symbol: string; volume: number; cost?: Money }[],
  ): StockBookState {
    const state: StockBookState = {
      accountId,
      accountType,
      cash,
      frozenCash: asMoney(0n),
      holdings: {},
    };
    for (const h of holdings) {
      state.holdings[h.symbol] = {
        volume: h.volume,
        canUse: h.volume,
        frozen: 0,
        yesterday: h.volume,
        cost: h.cost ?? asMoney(0n),
      };
    }
    return state;
  }

  get accountId(): string {
    return this.s.accountId;
  }

  get accountType(): number {
    return this.s.accountType;
  }

  state(): StockBookState {
    return this.s;
  }

  holding(symbol: string): StockHolding {
    const existing = this.s.holdings[symbol];
    if (existing !== undefined) {
      return existing;
    }
    const fresh: StockHolding = {
      volume: 0,
      canUse: 0,
      frozen: 0,
      yesterday: 0,
      cost: asMoney(0n),
    };
    this.s.holdings[symbol] = fresh;
    return fresh;
  }

  admit(order: BookOrder, reference: Price, _instrument?: SimInstrument): Refusal | null {
    switch (order.orderType) {
      case XtOrderType.STOCK_BUY:
      case XtOrderType.ETF_PURCHASE:
        return this.freezeCash(order, reference);
      case XtOrderType.STOCK_SELL:
      case XtOrderType.ETF_REDEMPTION:
        return this.freezeShares(order.symbol, order.volume);
      default:
        return NOT_THIS_ACCOUNT;
    }
  }

  completesAtCounter(order: BookOrder): boolean {
    return (
      order.orderType === XtOrderType.ETF_PURCHASE || order.orderType === XtOrderType.ETF_REDEMPTION
    );
  }

  sideOf(orderType: number): 'BUY' | 'SELL' {
    return orderType === XtOrderType.ETF_REDEMPTION ? 'SELL' : sideOfOrderType(orderType);
  }

  fill(order: BookOrder, volume: number, price: Price, _instrument?: SimInstrument): BookFill[] {
    const direction = XtDirection.DIRECTION_FLAG_LONG;
    if (order.orderType === XtOrderType.STOCK_BUY || order.orderType === XtOrderType.ETF_PURCHASE) {
      // Created ETF units can be sold the same day; bought shares only from tomorrow.
      this.bought(order, volume, price, order.orderType === XtOrderType.ETF_PURCHASE);
      return [{ volume, direction, offsetFlag: XtOffsetFlag.OFFSET_FLAG_OPEN }];
    }
    this.sold(order.symbol, volume, price);
    return [{ volume, direction, offsetFlag: XtOffsetFlag.OFFSET_FLAG_CLOSE }];
  }

  release(order: BookOrder, volume: number, _instrument?: SimInstrument): void {
    if (order.orderType === XtOrderType.STOCK_BUY || order.orderType === XtOrderType.ETF_PURCHASE) {
      this.unfreezeCash(asMoney(order.reservePerUnit * BigInt(volume)));
    } else {
      this.unfreezeShares(order.symbol, volume);
    }
  }

  transfer(amount: Money): Refusal | null {
    if (this.s.cash + amount < 0n) {
      return NO_CASH;
    }
    this.s.cash = asMoney(this.s.cash + amount);
    return null;
  }

  rollDay(): void {
    for (const [symbol, h] of Object.entries(this.s.holdings)) {
      if (h.volume === 0) {
        delete this.s.holdings[symbol];
        continue;
      }
      h.canUse = h.volume;
      h.yesterday = h.volume;
      h.frozen = 0;
    }
    this.s.cash = asMoney(this.s.cash + this.s.frozenCash);
    this.s.frozenCash = asMoney(0n);
  }

  asset(mark: MarkOf): XtAsset {
    const marketValue = this.marketValue(mark);
    return {
      account_type: this.s.accountType,
      account_id: this.s.accountId,
      cash: yuan(this.s.cash),
      frozen_cash: yuan(this.s.frozenCash),
      market_value: yuan(marketValue),
      total_asset: yuan(this.s.cash + this.s.frozenCash + marketValue),
      fetch_balance: yuan(this.s.cash),
    };
  }

  positions(mark: MarkOf): XtPosition[] {
    return Object.keys(this.s.holdings).map((symbol) => this.xtPosition(symbol, mark));
  }

  xtPosition(symbol: string, mark: MarkOf): XtPosition {
    const h = this.holding(symbol);
    const last = mark(symbol) ?? (0 as Price);
    // The terminal reports the cost price as a float, unrounded.
    const avg = h.volume > 0 ? Number(h.cost) / h.volume : 0;
    return {
      account_type: this.s.accountType,
      account_id: this.s.accountId,
      stock_code: symbol,
      volume: h.volume,
      can_use_volume: h.canUse,
      open_price: avg / 10_000,
      market_value: yuan(amountOf(last, h.volume)),
      frozen_volume: h.frozen,
      on_road_volume: 0,
      yesterday_volume: h.yesterday,
      avg_price: avg / 10_000,
      direction: XtDirection.DIRECTION_FLAG_LONG,
      last_price: priceToYuan(last),
    };
  }

  marketValue(mark: MarkOf): Money {
    let total = 0n;
    for (const [symbol, h] of Object.entries(this.s.holdings)) {
      total += BigInt(mark(symbol) ?? 0) * BigInt(h.volume);
    }
    return asMoney(total);
  }

  protected freezeCash(order: BookOrder, perUnit: Price): Refusal | null {
    const amount = amountOf(perUnit, order.volume);
    if (amount > this.s.cash) {
      return NO_CASH;
    }
    this.s.cash = asMoney(this.s.cash - amount);
    this.s.frozenCash = asMoney(this.s.frozenCash + amount);
    order.reservePerUnit = asMoney(BigInt(perUnit));
    return null;
  }

  protected unfreezeCash(amount: Money): void {
    this.s.frozenCash = asMoney(this.s.frozenCash - amount);
    this.s.cash = asMoney(this.s.cash + amount);
  }

  protected freezeShares(symbol: string, volume: number): Refusal | null {
    // Looked at, not created: a refused sell leaves no empty position behind.
    if (volume > (this.s.holdings[symbol]?.canUse ?? 0)) {
      return NO_SHARES;
    }
    const h = this.holding(symbol);
    h.canUse -= volume;
    h.frozen += volume;
    return null;
  }

  protected unfreezeShares(symbol: string, volume: number): void {
    const h = this.holding(symbol);
    h.frozen -= volume;
    h.canUse += volume;
  }

  /** A buy fill: the reservation pays, the difference returns to cash. */
  protected bought(order: BookOrder, volume: number, price: Price, sellableNow: boolean): void {
    const cost = amountOf(price, volume);
    const reserved = asMoney(order.reservePerUnit * BigInt(volume));
    this.s.frozenCash = asMoney(this.s.frozenCash - reserved);
    this.s.cash = asMoney(this.s.cash + reserved - cost);
    this.addShares(order.symbol, volume, cost, sellableNow);
  }

  protected addShares(symbol: string, volume: number, cost: Money, sellableNow: boolean): void {
    const h = this.holding(symbol);
    h.volume += volume;
    h.cost = asMoney(h.cost + cost);
    if (sellableNow || sellableSameDay(symbol)) {
      h.canUse += volume;
    }
  }

  /** Shares leave (frozen by the order); returns the proceeds, credited to cash here. */
  protected sold(symbol: string, volume: number, price: Price): Money {
    this.removeFrozenShares(symbol, volume);
    const proceeds = amountOf(price, volume);
    this.s.cash = asMoney(this.s.cash + proceeds);
    return proceeds;
  }

  protected removeFrozenShares(symbol: string, volume: number): void {
    const h = this.holding(symbol);
    const costOut = h.volume > 0 ? (h.cost * BigInt(volume)) / BigInt(h.volume) : 0n;
    h.frozen -= volume;
    h.volume -= volume;
    h.cost = asMoney(h.cost - costOut);
  }
}

export { amountOf, yuan };
export type { SimInstrument };
