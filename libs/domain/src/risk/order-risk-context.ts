// What the full catalogue (ORDER_RULES) sees beyond the foundation's RiskContext: who sends the
// order, the instant, the limits in force and the exposure, flow and P&L figures the risk app
// keeps indexed by account, strategy and symbol (ARCHITECTURE §4). Rules never fetch anything:
// every figure is read in O(1) from here.
import type { Money, Price } from '../money/index.js';
import type { Instrument } from '../instrument/index.js';
import type { KillSwitchModes } from './kill-switch.js';
import type { EffectiveLimits } from './limits.js';
import type { MarketParameters } from './market-parameters.js';
import type { OrderSide, RiskContext, RiskOrder } from './risk-context.js';
import type { Verdict } from './verdict.js';

export interface DetailedRiskOrder extends RiskOrder {
  /** xt `order_type` (xtquant §1.2): buy, sell, credit, futures open/close, option. */
  readonly orderType: number;
  /** xt `price_type` (xtquant §1.3): 11 limit, 5 latest, 18–24 and 42–48 market. */
  readonly priceType: number;
  /** A STAR/ChiNext after-hours fixed-price order (cn-market-rules §5). */
  readonly afterHours?: boolean;
  /** The protective limit a market order carries (STAR requires one, §4). */
  readonly protectivePrice?: Price | null;
}

/** The strategy's book in this account and symbol, in shares, bonds or contracts. */
export interface BookPositionView {
  /** Held long, today's buys included. */
  readonly long: number;
  readonly short: number;
  /** Open orders that would add to the long side or to the short side. */
  readonly pendingLong: number;
  readonly pendingShort: number;
}

/** Counts the app reads from its sliding windows and daily counters (flow-window.ts). */
export interface FlowCounts {
  /** The book's orders in the current second and today, this one not included. */
  readonly bookOrdersLastSecond: number;
  readonly bookOrdersToday: number;
  readonly bookCancelsLastSecond: number;
  readonly bookCancelsToday: number;
  /** The account's orders plus cancels (programmatic-trading thresholds, cn-market-rules §8). */
  readonly accountMessagesLastSecond: number;
  readonly accountMessagesToday: number;
}

/** An open order of the same account and symbol on the opposite side (self-trade check). */
export interface RestingOrder {
  readonly orderId: string;
  readonly strategyId: string;
  readonly side: OrderSide;
  /** null for a resting market remainder (best-five-then-limit); it crosses every price. */
  readonly limitPrice: Price | null;
  readonly quantity: number;
}

/** Margin account figures (xtquant §2.7): short quota of this symbol and financing left. */
export interface CreditView {
  readonly shortQuota: number;
  readonly financeQuota: Money;
}

export interface OrderRiskContext extends RiskContext {
  readonly order: DetailedRiskOrder;
  readonly accountId: string;
  readonly strategyId: string;
  readonly now: Date;
  readonly isTradingDay: (day: string) => boolean;
  /** The latest trade price; null before the first trade of the day. */
  readonly lastPrice: Price | null;
  readonly limits: EffectiveLimits;
  readonly market: MarketParameters;
  readonly killSwitch: KillSwitchModes;
  readonly position: BookPositionView;
  /** The account's total asset (cash plus market value), for the position share. */
  readonly accountEquity: Money;
  /** Sum of |position notional| plus open increasing orders, before this order. */
  readonly bookGrossExposure: Money;
  readonly accountGrossExposure: Money;
  readonly bookOpenOrders: number;
  readonly accountOpenOrders: number;
  readonly flow: FlowCounts;
  /** Epoch ms of the book's last identical order (DuplicateIndex), null when none. */
  readonly lastIdenticalOrderAt: number | null;
  readonly restingOpposite: readonly RestingOrder[];
  /** Null on accounts without margin trading. */
  readonly credit: CreditView | null;
  /** Futures contracts opened and cancels sent today on this contract in the account. */
  readonly futuresOpenedToday: number;
  readonly futuresCancelsToday: number;
  /** Realised plus unrealised P&L of the trading day (book/pnl.ts); a loss is negative. */
  readonly bookDailyPnl: Money;
  readonly accountDailyPnl: Money;
}

export type OrderRiskRule = (ctx: OrderRiskContext) => Verdict;

/** What a cancel request is checked against (cancelRules, `checkCancel`). */
export interface CancelRiskContext {
  readonly accountId: string;
  readonly strategyId: string;
  readonly instrument: Instrument;
  readonly now: Date;
  readonly isTradingDay: (day: string) => boolean;
  readonly limits: EffectiveLimits;
  readonly market: MarketParameters;
  readonly flow: FlowCounts;
  readonly futuresCancelsToday: number;
}

export type CancelRiskRule = (ctx: CancelRiskContext) => Verdict;
