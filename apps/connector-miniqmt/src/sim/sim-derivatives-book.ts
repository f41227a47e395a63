import {
  XtAccountType,
  XtOffsetFlag,
  XtOrderType,
  asMoney,
  priceToYuan,
  type Money,
  type Price,
  type XtAsset,
  type XtPosition,
} from '@qmt/domain';
import type { XtPositionStatistics } from '../session/xt-records.js';
import type { SimInstrument } from './sim-quote-book.js';
import type { AccountBook, BookFill, BookOrder, MarkOf, OrderLeg, Refusal } from './sim-book.js';
import { LONG, SHORT, futuresPlan, optionPlan, type Closable } from './sim-derivatives-legs.js';
import { NO_CASH, NOT_THIS_ACCOUNT, yuan } from './sim-stock-book.js';

export interface DerivativePosition {
  symbol: string;
  /** 48 long, 49 short. */
  direction: number;
  today: number;
  history: number;
  frozenToday: number;
  frozenHistory: number;
  /** Open notional (price × volume × multiplier) of what is held. */
  cost: Money;
  margin: Money;
}

export interface DerivativesBookState {
  accountId: string;
  accountType: number;
  cash: Money;
  /** Margin and premium frozen for working opening orders. */
  frozenCash: Money;
  positions: Record<string, DerivativePosition>;
  closeProfit: Money;
}

const key = (symbol: string, direction: number): string => `${symbol}|${direction}`;
const notional = (price: Price, volume: number, multiplier: number): bigint =>
  BigInt(price) * BigInt(volume) * BigInt(multiplier);
const ratioOf = (amount: bigint, ratio: number): bigint =>
  (amount * BigInt(Math.round(ratio * 10_000))) / 10_000n;

const SELL_TYPES: ReadonlySet<number> = new Set<number>([
  XtOrderType.FUTURE_CLOSE_LONG_HISTORY,
  XtOrderType.FUTURE_CLOSE_LONG_TODAY,
  XtOrderType.FUTURE_OPEN_SHORT,
  XtOrderType.FUTURE_CLOSE_LONG_TODAY_FIRST,
  XtOrderType.FUTURE_CLOSE_LONG_HISTORY_FIRST,
  XtOrderType.FUTURE_CLOSE_LONG_TODAY_HISTORY_THEN_OPEN_SHORT,
  XtOrderType.FUTURE_CLOSE_LONG_HISTORY_TODAY_THEN_OPEN_SHORT,
  XtOrderType.FUTURE_CLOSE,
]);
const OPTION_SELL_TYPES: ReadonlySet<number> = new Set<number>([
  XtOrderType.STOCK_OPTION_SELL_CLOSE,
  XtOrderType.STOCK_OPTION_SELL_OPEN,
  XtOrderType.STOCK_OPTION_COVERED_OPEN,
]);

/**
 * A futures account (FUTURE, 1) or a stock-option account (STOCK_OPTION, 6): long and short
 * positions per contract with today's and yesterday's volume apart, margin frozen for working
 * opens and held for positions, realised profit on close. Option buyers pay the premium in full
 * and post no margin; option writers receive it and post margin.
 */
export class DerivativesBook implements AccountBook {
  constructor(private readonly s: DerivativesBookState) {}

  static openBook(accountId: string, accountType: number, cash: Money): DerivativesBookState {
    return {
      accountId,
      accountType,
      cash,
      frozenCash: asMoney(0n),
      positions: {},
      closeProfit: asMoney(0n),
    };
  }

  get accountId(): string {
    return this.s.accountId;
  }

  get accountType(): number {
    return this.s.accountType;
  }

  private get options(): boolean {
    return this.s.accountType === XtAccountType.STOCK_OPTION_ACCOUNT;
  }

  state(): DerivativesBookState {
    return this.s;
  }

  sideOf(orderType: number): 'BUY' | 'SELL' {
    return (this.options ? OPTION_SELL_TYPES : SELL_TYPES).has(orderType) ? 'SELL' : 'BUY';
  }

  completesAtCounter(): boolean {
    return false;
  }

  admit(order: BookOrder, reference: Price, instrument: SimInstrument): Refusal | null {
    const plan = (this.options ? optionPlan : futuresPlan)(
      order.orderType,
      order.volume,
      this.closable(order.symbol, LONG),
      this.closable(order.symbol, SHORT),
    );
    if ('refused' in plan) {
      return plan.refused === '该账户类型不支持此委托类型'
        ? NOT_THIS_ACCOUNT
        : { code: 300100, text: plan.refused };
    }
    const opening = plan.legs.filter((l) => l.kind === 'OPEN').reduce((n, l) => n + l.volume, 0);
    const perUnit = this.openingCostPerUnit(plan.legs, reference, instrument);
    const frozen = perUnit * BigInt(opening);
    if (frozen > this.s.cash) {
      return NO_CASH;
    }
    this.s.cash = asMoney(this.s.cash - frozen);
    this.s.frozenCash = asMoney(this.s.frozenCash + frozen);
    order.reservePerUnit = asMoney(perUnit);
    for (const leg of plan.legs) {
      if (leg.kind !== 'OPEN') {
        const p = this.position(order.symbol, leg.direction);
        if (leg.kind === 'CLOSE_TODAY') {
          p.frozenToday += leg.volume;
        } else {
          p.frozenHistory += leg.volume;
        }
      }
    }
    order.legs = plan.legs;
    return null;
  }

  fill(order: BookOrder, volume: number, price: Price, instrument: SimInstrument): BookFill[] {
    const fills: BookFill[] = [];
    let left = volume;
    for (const leg of order.legs) {
      const part = Math.min(leg.volume - leg.done, left);
      if (part <= 0) {
        continue;
      }
      leg.done += part;
      left -= part;
      if (leg.kind === 'OPEN') {
        this.opened(order, leg, part, price, instrument);
      } else {
        this.closed(order.symbol, leg, part, price, instrument);
      }
      fills.push({ volume: part, direction: leg.direction, offsetFlag: this.offsetOf(leg) });
    }
    return fills;
  }

  release(order: BookOrder): void {
    for (const leg of order.legs) {
      const rest = leg.volume - leg.done;
      if (rest <= 0) {
        continue;
      }
      if (leg.kind === 'OPEN') {
        const amount = order.reservePerUnit * BigInt(rest);
        this.s.frozenCash = asMoney(this.s.frozenCash - amount);
        this.s.cash = asMoney(this.s.cash + amount);
      } else {
        const p = this.position(order.symbol, leg.direction);
        if (leg.kind === 'CLOSE_TODAY') {
          p.frozenToday -= rest;
        } else {
          p.frozenHistory -= rest;
        }
      }
      // Released legs count as done so a second release changes nothing.
      leg.done = leg.volume;
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
    for (const [k, p] of Object.entries(this.s.positions)) {
      p.history += p.today;
      p.today = 0;
      p.frozenToday = 0;
      p.frozenHistory = 0;
      if (p.history === 0) {
        delete this.s.positions[k];
      }
    }
    this.s.cash = asMoney(this.s.cash + this.s.frozenCash);
    this.s.frozenCash = asMoney(0n);
  }

  asset(mark: MarkOf, instrumentOf: (symbol: string) => SimInstrument | undefined): XtAsset {
    let marketValue = 0n;
    let equity = 0n;
    for (const p of Object.values(this.s.positions)) {
      const volume = p.today + p.history;
      const value = notional(
        mark(p.symbol) ?? (0 as Price),
        volume,
        instrumentOf(p.symbol)?.multiplier ?? 1,
      );
      marketValue += value;
      const sign = p.direction === LONG ? 1n : -1n;
      equity += p.margin + (this.options ? sign * value : sign * (value - p.cost));
    }
    return {
      account_type: this.s.accountType,
      account_id: this.s.accountId,
      cash: yuan(this.s.cash),
      frozen_cash: yuan(this.s.frozenCash),
      market_value: yuan(marketValue),
      total_asset: yuan(this.s.cash + this.s.frozenCash + equity),
      fetch_balance: yuan(this.s.cash),
    };
  }

  positions(
    mark: MarkOf,
    instrumentOf: (symbol: string) => SimInstrument | undefined,
  ): XtPosition[] {
    return this.held().map((p) => {
      const volume = p.today + p.history;
      const multiplier = instrumentOf(p.symbol)?.multiplier ?? 1;
      const last = mark(p.symbol) ?? (0 as Price);
      const avg = volume > 0 ? Number(p.cost / BigInt(volume * multiplier)) / 10_000 : 0;
      return {
        account_type: this.s.accountType,
        account_id: this.s.accountId,
        stock_code: p.symbol,
        volume,
        can_use_volume: volume - p.frozenToday - p.frozenHistory,
        open_price: avg,
        market_value: yuan(notional(last, volume, multiplier)),
        frozen_volume: p.frozenToday + p.frozenHistory,
        on_road_volume: 0,
        yesterday_volume: p.history,
        avg_price: avg,
        direction: p.direction,
        last_price: priceToYuan(last),
      };
    });
  }

  statistics(
    mark: MarkOf,
    instrumentOf: (symbol: string) => SimInstrument | undefined,
  ): XtPositionStatistics[] {
    return this.held().map((p) => {
      const instrument = instrumentOf(p.symbol);
      const multiplier = instrument?.multiplier ?? 1;
      const volume = p.today + p.history;
      const last = mark(p.symbol) ?? (0 as Price);
      const value = notional(last, volume, multiplier);
      const sign = p.direction === LONG ? 1n : -1n;
      const avg = volume > 0 ? Number(p.cost / BigInt(volume * multiplier)) / 10_000 : 0;
      const [code = p.symbol, exchange = ''] = p.symbol.split('.');
      return {
        account_id: this.s.accountId,
        exchange_id: exchange,
        exchange_name: exchange,
        product_id: code.replace(/\d+$/, ''),
        instrument_id: code,
        instrument_name: instrument?.name ?? '',
        direction: p.direction,
        hedge_flag: 49,
        position: volume,
        yesterday_position: p.history,
        today_position: p.today,
        can_close_vol: volume - p.frozenToday - p.frozenHistory,
        position_cost: yuan(p.cost),
        avg_price: avg,
        position_profit: yuan(sign * (value - p.cost)),
        float_profit: yuan(sign * (value - p.cost)),
        open_price: avg,
        used_margin: yuan(p.margin),
        frozen_margin: 0,
        last_price: priceToYuan(last),
        instrument_value: yuan(value),
      };
    });
  }

  /** Positions with volume: a contract closed out leaves the lists, as on the terminal. */
  private held(): DerivativePosition[] {
    return Object.values(this.s.positions).filter((p) => p.today + p.history > 0);
  }

  private closable(symbol: string, direction: number): Closable {
    const p = this.s.positions[key(symbol, direction)];
    return p === undefined
      ? { today: 0, history: 0 }
      : { today: p.today - p.frozenToday, history: p.history - p.frozenHistory };
  }

  private position(symbol: string, direction: number): DerivativePosition {
    const k = key(symbol, direction);
    const existing = this.s.positions[k];
    if (existing !== undefined) {
      return existing;
    }
    const fresh: DerivativePosition = {
      symbol,
      direction,
      today: 0,
      history: 0,
      frozenToday: 0,
      frozenHistory: 0,
      cost: asMoney(0n),
      margin: asMoney(0n),
    };
    this.s.positions[k] = fresh;
    return fresh;
  }

  /** Frozen per opening unit: margin, or an option buyer's full premium. */
  private openingCostPerUnit(
    legs: readonly OrderLeg[],
    reference: Price,
    instrument: SimInstrument,
  ): bigint {
    const open = legs.find((l) => l.kind === 'OPEN');
    if (open === undefined) {
      return 0n;
    }
    const unit = notional(reference, 1, instrument.multiplier);
    if (this.options) {
      return open.direction === LONG ? unit : unit + ratioOf(unit, instrument.marginRatio * 10);
    }
    return ratioOf(unit, instrument.marginRatio);
  }

  private opened(
    order: BookOrder,
    leg: OrderLeg,
    part: number,
    price: Price,
    instrument: SimInstrument,
  ): void {
    const p = this.position(order.symbol, leg.direction);
    const value = notional(price, part, instrument.multiplier);
    const reserved = order.reservePerUnit * BigInt(part);
    this.s.frozenCash = asMoney(this.s.frozenCash - reserved);
    if (this.options && leg.direction === LONG) {
      // The buyer pays the premium; what the reservation over-froze returns.
      this.s.cash = asMoney(this.s.cash + reserved - value);
    } else if (this.options) {
      // The writer receives the premium and posts the reserved margin.
      this.s.cash = asMoney(this.s.cash + value);
      p.margin = asMoney(p.margin + reserved);
    } else {
      const margin = ratioOf(value, instrument.marginRatio);
      this.s.cash = asMoney(this.s.cash + reserved - margin);
      p.margin = asMoney(p.margin + margin);
    }
    p.today += part;
    p.cost = asMoney(p.cost + value);
  }

  private closed(
    symbol: string,
    leg: OrderLeg,
    part: number,
    price: Price,
    instrument: SimInstrument,
  ): void {
    const p = this.position(symbol, leg.direction);
    const held = p.today + p.history;
    const costOut = held > 0 ? (p.cost * BigInt(part)) / BigInt(held) : 0n;
    const marginOut = held > 0 ? (p.margin * BigInt(part)) / BigInt(held) : 0n;
    const value = notional(price, part, instrument.multiplier);
    if (leg.kind === 'CLOSE_TODAY') {
      p.today -= part;
      p.frozenToday -= part;
    } else {
      p.history -= part;
      p.frozenHistory -= part;
    }
    p.cost = asMoney(p.cost - costOut);
    p.margin = asMoney(p.margin - marginOut);
    const sign = leg.direction === LONG ? 1n : -1n;
    if (this.options) {
      // Long: the sale brings the premium in; short: buying back pays it.
      this.s.cash = asMoney(this.s.cash + sign * value + marginOut);
    } else {
      const profit = sign * (value - costOut);
      this.s.cash = asMoney(this.s.cash + marginOut + profit);
      this.s.closeProfit = asMoney(this.s.closeProfit + profit);
    }
  }

  private offsetOf(leg: OrderLeg): number {
    if (leg.kind === 'OPEN') {
      return XtOffsetFlag.OFFSET_FLAG_OPEN;
    }
    if (this.options) {
      return XtOffsetFlag.OFFSET_FLAG_CLOSE;
    }
    return leg.kind === 'CLOSE_TODAY'
      ? XtOffsetFlag.OFFSET_FLAG_CLOSETODAY
      : XtOffsetFlag.OFFSET_FLAG_ClOSEYESTERDAY;
  }
}
