import { asMoney, asPrice, notional, type Money, type Price } from '../money/index.js';
import { canTransition } from './order-transitions.js';
import {
  STATE_RANK,
  isTerminalState,
  orderStateOfXtStatus,
  type OrderState,
} from './order-state.js';

/** The order projection the state machine keeps; derived from events only. */
export interface OrderView {
  readonly state: OrderState;
  readonly quantity: number;
  /** max(sum of applied trades, highest cumulative traded volume reported by a status). */
  readonly filledQuantity: number;
  readonly tradedFromTrades: number;
  readonly reportedFilled: number;
  /** Σ price × quantity of applied trades, 0.0001 CNY. */
  readonly fillNotional: Money;
  readonly reportedAvgPrice: Price;
  readonly avgFillPrice: Price | null;
  /** Last raw miniQMT status applied (unknown codes too). */
  readonly xtStatus: number | null;
  readonly brokerOrderId: number | null;
  readonly brokerSysId: string | null;
  readonly tradeIds: readonly string[];
  readonly rejection: { readonly rule: string; readonly message: string } | null;
  readonly statusMessage: string;
}

export type OrderEvent =
  | { readonly type: 'RISK_APPROVED' }
  | { readonly type: 'RISK_REJECTED'; readonly rule: string; readonly message: string }
  | { readonly type: 'ROUTE_REFUSED'; readonly rule: string; readonly message: string }
  | { readonly type: 'BROKER_ACK'; readonly brokerOrderId: number }
  | {
      readonly type: 'BROKER_STATUS';
      readonly xtStatus: number;
      readonly filledQuantity: number;
      readonly avgFillPrice: Price;
      readonly brokerOrderId: number;
      readonly brokerSysId: string;
      readonly message: string;
    }
  | {
      readonly type: 'BROKER_TRADE';
      readonly tradeId: string;
      readonly quantity: number;
      readonly price: Price;
    }
  | { readonly type: 'BROKER_ORDER_ERROR'; readonly errorId: number; readonly message: string };

export type Applied =
  | { readonly kind: 'applied'; readonly order: OrderView }
  | { readonly kind: 'ignored'; readonly reason: 'DUPLICATE' | 'STALE_STATUS' | 'TERMINAL' }
  | { readonly kind: 'illegal'; readonly from: OrderState; readonly to: OrderState };

export function newOrderView(quantity: number): OrderView {
  return {
    state: 'PENDING_RISK',
    quantity,
    filledQuantity: 0,
    tradedFromTrades: 0,
    reportedFilled: 0,
    fillNotional: asMoney(0n),
    reportedAvgPrice: asPrice(0),
    avgFillPrice: null,
    xtStatus: null,
    brokerOrderId: null,
    brokerSysId: null,
    tradeIds: [],
    rejection: null,
    statusMessage: '',
  };
}

const applied = (order: OrderView): Applied => ({ kind: 'applied', order });
const ignored = (reason: 'DUPLICATE' | 'STALE_STATUS' | 'TERMINAL'): Applied => ({
  kind: 'ignored',
  reason,
});
const illegal = (from: OrderState, to: OrderState): Applied => ({ kind: 'illegal', from, to });

/** Average fill price: from trades when they cover the fill, else the broker's reported one. */
function withAverages(view: OrderView): OrderView {
  let avg: Price | null = null;
  if (view.tradedFromTrades > 0 && view.tradedFromTrades >= view.reportedFilled) {
    const units = view.fillNotional / BigInt(view.tradedFromTrades);
    const remainder = view.fillNotional % BigInt(view.tradedFromTrades);
    avg = asPrice(Number(units + (remainder * 2n >= BigInt(view.tradedFromTrades) ? 1n : 0n)));
  } else if (view.reportedFilled > 0) {
    avg = view.reportedAvgPrice;
  }
  return { ...view, avgFillPrice: avg };
}

/** The state fills alone imply for a non-terminal order (a trade before its status counts). */
function stateFromFills(view: OrderView): OrderState {
  if (view.filledQuantity >= view.quantity) {
    return 'ORDER_SUCCEEDED';
  }
  if (view.filledQuantity === 0) {
    return view.state === 'PENDING_RISK' ? 'ROUTED' : view.state;
  }
  if (view.state === 'ORDER_REPORTED_CANCEL' || view.state === 'ORDER_PARTSUCC_CANCEL') {
    return 'ORDER_PARTSUCC_CANCEL';
  }
  return STATE_RANK[view.state] < STATE_RANK.ORDER_PART_SUCC ? 'ORDER_PART_SUCC' : view.state;
}

/**
 * Applies one event to an order. Returns the new view, or why the event changes nothing
 * (duplicate, stale, terminal), or the illegal move it asked for. Never throws for broker
 * behaviour: duplicates and reordering are normal on miniQMT (xtquant-api §5.6, §5.15).
 */
export function applyOrderEvent(order: OrderView, event: OrderEvent): Applied {
  const terminal = isTerminalState(order.state);
  switch (event.type) {
    case 'RISK_APPROVED':
      if (order.state === 'PENDING_RISK') {
        return applied({ ...order, state: 'ROUTED' });
      }
      // The broker's first status can land before the verdict is recorded.
      return terminal ? ignored('TERMINAL') : ignored('STALE_STATUS');
    case 'RISK_REJECTED':
    case 'ROUTE_REFUSED':
      if (terminal) {
        return ignored(order.state === 'REJECTED' ? 'DUPLICATE' : 'TERMINAL');
      }
      if (!canTransition(order.state, 'REJECTED')) {
        return illegal(order.state, 'REJECTED');
      }
      return applied({
        ...order,
        state: 'REJECTED',
        rejection: { rule: event.rule, message: event.message },
        statusMessage: event.message,
      });
    case 'BROKER_ACK': {
      if (order.brokerOrderId === event.brokerOrderId) {
        return ignored('DUPLICATE');
      }
      const state = order.state === 'PENDING_RISK' ? 'ROUTED' : order.state;
      return applied({ ...order, state, brokerOrderId: event.brokerOrderId });
    }
    case 'BROKER_STATUS':
      return applyStatus(order, event);
    case 'BROKER_TRADE':
      return applyTrade(order, event);
    case 'BROKER_ORDER_ERROR':
      if (terminal) {
        return ignored(order.state === 'ORDER_JUNK' ? 'DUPLICATE' : 'TERMINAL');
      }
      if (order.filledQuantity > 0) {
        return illegal(order.state, 'ORDER_JUNK');
      }
      return applied({ ...order, state: 'ORDER_JUNK', statusMessage: event.message });
  }
}

function applyStatus(
  order: OrderView,
  event: Extract<OrderEvent, { type: 'BROKER_STATUS' }>,
): Applied {
  const target = orderStateOfXtStatus(event.xtStatus);
  if (event.filledQuantity > order.quantity || event.filledQuantity < 0) {
    return illegal(order.state, target);
  }
  const reportedFilled = Math.max(order.reportedFilled, event.filledQuantity);
  const bookkeeping: OrderView = withAverages({
    ...order,
    reportedFilled,
    filledQuantity: Math.max(order.tradedFromTrades, reportedFilled),
    reportedAvgPrice:
      event.filledQuantity >= order.reportedFilled ? event.avgFillPrice : order.reportedAvgPrice,
    xtStatus: event.xtStatus,
    brokerOrderId: event.brokerOrderId > 0 ? event.brokerOrderId : order.brokerOrderId,
    brokerSysId: event.brokerSysId !== '' ? event.brokerSysId : order.brokerSysId,
    statusMessage: event.message !== '' ? event.message : order.statusMessage,
  });
  const unchanged =
    order.xtStatus === event.xtStatus &&
    order.reportedFilled === reportedFilled &&
    order.brokerSysId === bookkeeping.brokerSysId &&
    order.brokerOrderId === bookkeeping.brokerOrderId;
  if (isTerminalState(order.state)) {
    if (target !== order.state) {
      return ignored('TERMINAL');
    }
    // The terminal state was derived from fills; the broker's own report completes the record.
    return unchanged ? ignored('DUPLICATE') : applied(bookkeeping);
  }
  if (target === order.state) {
    if (event.filledQuantity < order.reportedFilled) {
      return ignored('STALE_STATUS');
    }
    return unchanged ? ignored('DUPLICATE') : applied(bookkeeping);
  }
  const stale =
    target !== 'ORDER_UNKNOWN' &&
    (STATE_RANK[target] < STATE_RANK[order.state] ||
      (STATE_RANK[target] === STATE_RANK[order.state] &&
        event.filledQuantity < order.reportedFilled));
  if (stale) {
    return ignored('STALE_STATUS');
  }
  if (!canTransition(order.state, target)) {
    return illegal(order.state, target);
  }
  // A status that claims less than the trades already applied keeps the fills (never decrease).
  const next: OrderView = { ...bookkeeping, state: target };
  if (!isTerminalState(target) && next.filledQuantity >= next.quantity) {
    return applied({ ...next, state: 'ORDER_SUCCEEDED' });
  }
  return applied(next);
}

function applyTrade(
  order: OrderView,
  event: Extract<OrderEvent, { type: 'BROKER_TRADE' }>,
): Applied {
  if (order.tradeIds.includes(event.tradeId)) {
    return ignored('DUPLICATE');
  }
  const tradedFromTrades = order.tradedFromTrades + event.quantity;
  if (event.quantity <= 0 || tradedFromTrades > order.quantity) {
    return illegal(order.state, 'ORDER_SUCCEEDED');
  }
  const filled: OrderView = withAverages({
    ...order,
    tradeIds: [...order.tradeIds, event.tradeId],
    tradedFromTrades,
    fillNotional: asMoney(order.fillNotional + notional(event.price, event.quantity)),
    filledQuantity: Math.max(tradedFromTrades, order.reportedFilled),
  });
  if (isTerminalState(order.state)) {
    // A late fill after 53/56 (its status came first): the fill counts, the state stays.
    return applied(filled);
  }
  return applied({ ...filled, state: stateFromFills(filled) });
}
