import type { AccountConfig, RiskCheckRequest } from '@qmt/contracts';
import {
  DEFAULT_FEES,
  DEFAULT_MARKET_PARAMETERS,
  PositionEffect,
  asMoney,
  effectiveLimits,
  killSwitchModesFor,
  positionEffect,
  type DetailedRiskOrder,
  type Instrument,
  type Money,
  type OrderRiskContext,
  type Price,
} from '@qmt/domain';
import type { RiskControls } from '../controls/risk-controls.js';
import type { ExposureBook } from '../projection/exposure-book.js';
import type { FlowCounters } from '../state/flow-counters.js';

/** What a context is built from: all of it in memory, read synchronously. */
export interface ContextSources {
  readonly book: ExposureBook;
  readonly flow: FlowCounters;
  readonly controls: RiskControls;
  /** Account cash at the start (desk config), in money units. */
  readonly startingCash: (account: AccountConfig) => Money;
  readonly budget: (strategyId: string, accountId: string) => Money | null;
  readonly isTradingDay: (day: string) => boolean;
}

export interface OrderInput {
  readonly request: RiskCheckRequest;
  readonly account: AccountConfig;
  readonly instrument: Instrument;
  readonly now: Date;
  readonly day: string;
}

export function detailedOrder(request: RiskCheckRequest): DetailedRiskOrder {
  return {
    side: request.side,
    quantity: request.quantity,
    limitPrice: request.price === null ? null : (request.price as Price),
    symbol: request.symbol,
    orderType: request.orderType,
    priceType: request.priceType,
  };
}

/**
 * The complete OrderRiskContext of one order (ORDER_RULES read nothing else): O(1) look-ups in
 * the exposure book, the flow counters and the limits in force, never a scan of open orders.
 */
export function orderContext(sources: ContextSources, input: OrderInput): OrderRiskContext {
  const { book, flow, controls } = sources;
  const { request, account, instrument, now, day } = input;
  const accountId = account.id;
  const strategyId = request.strategyId;
  const order = detailedOrder(request);
  const startingCash = sources.startingCash(account);
  const accountFigures = book.accountFigures(accountId);
  const bookFigures = book.bookFigures(accountId, strategyId);
  const budget = sources.budget(strategyId, accountId);
  const holding = book.holdingFigures(accountId, strategyId, request.symbol);
  const futures = instrument.security.board === 'FUTURE';
  const nowMs = now.getTime();
  return {
    order,
    instrument,
    availableCash: asMoney(startingCash - accountFigures.spent - accountFigures.reserved),
    strategyBudgetLeft:
      budget === null ? null : asMoney(budget - bookFigures.spent - bookFigures.reserved),
    sellableQuantity: holding.sellable,
    heldQuantity: Math.max(holding.sellable, 0),
    fees: DEFAULT_FEES,
    accountId,
    strategyId,
    now,
    isTradingDay: sources.isTradingDay,
    lastPrice: book.lastPrice(request.symbol),
    limits: effectiveLimits(controls.limits, { accountId, strategyId, symbol: request.symbol }),
    market: DEFAULT_MARKET_PARAMETERS,
    killSwitch: killSwitchModesFor(controls.killSwitch, accountId, strategyId),
    position: { long: holding.long, short: 0, pendingLong: holding.pendingLong, pendingShort: 0 },
    accountEquity: asMoney(startingCash - accountFigures.spent + accountFigures.marketValue),
    bookGrossExposure: bookFigures.grossExposure,
    accountGrossExposure: accountFigures.grossExposure,
    bookOpenOrders: bookFigures.open,
    accountOpenOrders: accountFigures.open,
    flow: flow.counts(accountId, strategyId, nowMs, day),
    lastIdenticalOrderAt: flow.lastIdentical(accountId, strategyId, order, nowMs),
    restingOpposite: book.restingOn(
      accountId,
      request.symbol,
      request.side === 'BUY' ? 'SELL' : 'BUY',
    ),
    credit: null,
    futuresOpenedToday: futures ? flow.futuresOpenedToday(accountId, request.symbol, day) : 0,
    futuresCancelsToday: futures ? flow.futuresCancelsToday(accountId, request.symbol, day) : 0,
    bookDailyPnl: bookFigures.pnl,
    accountDailyPnl: accountFigures.pnl,
  };
}

export function increases(request: RiskCheckRequest): boolean {
  return positionEffect(request.orderType) === PositionEffect.INCREASE;
}
