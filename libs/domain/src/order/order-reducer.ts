import { asMoney, asPrice, notional, type Money, type Price } from '../money/index.js';
import { canTransition } from './order-transitions.js';
import {
  isTerminalState,
  orderStateOfXtStatus,
  progressRank,
  type OrderState,
} from './order-state.js';

/** The order projection the state machine keeps; derived from events only. */
export interface OrderView {
  readonly state: OrderState;
  readonly quantity: number;
  /** max(sum of applied trades, highest cumulative traded volume reported by a status). */
  readonly filledQuantity: number;
  /** Σ quantity of applied trades. */
  readonly tradedFromTrades: number;
  /** Highest cumulative `traded_volume` seen in a status. */
  readonly reportedFilled: number;
  /** Σ price × quantity of applied trades, 0.0001 CNY. */
  readonly fillNotional: Money;
  /** Average fill price of the latest status (0 if none). */
  readonly reportedAvgPrice: Price;
  /** From the trades when they cover filledQuantity, else reportedAvgPrice; null if unfilled. */
  readonly avgFillPrice: Price | null;
  /** Last raw miniQMT status applied (unknown codes too). */
  readonly xtStatus: number | null;
  readonly brokerOrderId: number | null;
  readonly brokerSysId: string | null;
  readonly tradeIds: readonly string[];
  readonly rejection: { readonly rule: string; readonly message: string } | null;
  /** Last status_msg, error text or rejection message. */
  readonly statusMessage: string;
}

export type OrderEvent =
  | { readonly type: 'RISK_APPROVED' }
  | { readonly type: 'RISK_REJECTED'; readonly rule: string; readonly message: string }
  /** The connector refused the route job (expired, session down): → REJECTED. */
  | { readonly type: 'ROUTE_REFUSED'; readonly rule: string; readonly message: string }
  /** The async response: sets the broker order id, no state change. */
  | { readonly type: 'BROKER_ACK'; readonly brokerOrderId: number }
  | {
      readonly type: 'BROKER_STATUS';
      readonly xtStatus: number;
      /** Cumulative traded volume at the broker. */
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

type IgnoredReason = Extract<Applied, { kind: 'ignored' }>['reason'];
type StatusEvent = Extract<OrderEvent, { type: 'BROKER_STATUS' }>;
type TradeEvent = Extract<OrderEvent, { type: 'BROKER_TRADE' }>;

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

const ignored = (reason: IgnoredReason): Applied => ({ kind: 'ignored', reason });
const illegal = (from: OrderState, to: OrderState): Applied => ({ kind: 'illegal', from, to });

/**
 * Applies one event to an order: the new view, or why the event changes nothing (duplicate,
 * stale, terminal), or the illegal move it asked for. Never throws for broker behaviour:
 * duplicates and reordering are normal on miniQMT (xtquant-api §5.6, §5.15). The rules are
 * summed up in docs/order-state-machine.md.
 */
export function applyOrderEvent(order: OrderView, event: OrderEvent): Applied {
  switch (event.type) {
    case 'RISK_APPROVED':
      return approve(order);
    case 'RISK_REJECTED':
      // A verdict comes once, before routing: a rejection after the approval contradicts it.
      if (order.state !== 'PENDING_RISK' && !isTerminalState(order.state)) {
        return illegal(order.state, 'REJECTED');
      }
      return reject(order, event.rule, event.message);
    case 'ROUTE_REFUSED':
      return reject(order, event.rule, event.message);
    case 'BROKER_ACK':
      // -1 / 0 are not ids (xtquant-api §5.7); an ack never moves the state.
      return commit(order, {
        ...order,
        brokerOrderId: event.brokerOrderId > 0 ? event.brokerOrderId : order.brokerOrderId,
      });
    case 'BROKER_STATUS':
      return applyStatus(order, event);
    case 'BROKER_TRADE':
      return applyTrade(order, event);
    case 'BROKER_ORDER_ERROR':
      if (isTerminalState(order.state)) {
        return ignored(order.state === 'ORDER_JUNK' ? 'DUPLICATE' : 'TERMINAL');
      }
      // An order that traded was accepted: an order error cannot junk it.
      if (order.filledQuantity > 0) {
        return illegal(order.state, 'ORDER_JUNK');
      }
      return commit(order, {
        ...order,
        state: 'ORDER_JUNK',
        statusMessage: event.message !== '' ? event.message : order.statusMessage,
      });
  }
}

function approve(order: OrderView): Applied {
  if (order.state === 'PENDING_RISK') {
    return commit(order, { ...order, state: 'ROUTED' });
  }
  if (order.state === 'ROUTED') {
    return ignored('DUPLICATE');
  }
  // A broker report got here before the verdict was recorded: the approval is old news.
  return ignored(isTerminalState(order.state) ? 'TERMINAL' : 'STALE_STATUS');
}

function reject(order: OrderView, rule: string, message: string): Applied {
  if (isTerminalState(order.state)) {
    return ignored(order.state === 'REJECTED' ? 'DUPLICATE' : 'TERMINAL');
  }
  return commit(order, {
    ...order,
    state: 'REJECTED',
    rejection: { rule, message },
    statusMessage: message,
  });
}

/**
 * A BROKER_STATUS. Statuses are ordered by (cumulative traded volume, progress rank): the volume
 * never goes down at the broker, so a status reporting less than an earlier one is stale, and
 * at equal volume a lower rank is stale. A terminal status is the broker's last word and is
 * never stale. The status is then settled against the fills already known.
 */
function applyStatus(order: OrderView, event: StatusEvent): Applied {
  const incoming = orderStateOfXtStatus(event.xtStatus);
  const volume = event.filledQuantity;
  if (!Number.isSafeInteger(volume) || volume < 0 || volume > order.quantity) {
    return illegal(order.state, incoming);
  }
  const recorded = recordStatus(order, event);
  // The same (status, traded volume) as the last one applied: a duplicate unless it brings a
  // field the first one lacked (the sysid comes later, xtquant-api §5.8).
  if (
    order.xtStatus === event.xtStatus &&
    order.reportedFilled === volume &&
    sameView(order, recorded)
  ) {
    return ignored('DUPLICATE');
  }
  if (isTerminalState(order.state)) {
    // Only the broker's report of this same end may complete the record of a terminal order
    // (the 56 after the trades already made it ORDER_SUCCEEDED); nothing reopens it.
    if (incoming === order.state) {
      return commit(order, recorded);
    }
    // The last status again (a 54 that fills made a 53) is a duplicate like any other.
    return order.xtStatus === event.xtStatus && sameView(order, recorded)
      ? ignored('DUPLICATE')
      : ignored('TERMINAL');
  }
  if (!isTerminalState(incoming) && isStale(order, incoming, volume)) {
    return ignored('STALE_STATUS');
  }
  return commit(order, {
    ...recorded,
    state: settle(incoming, recorded.filledQuantity, order.quantity),
  });
}

function isStale(order: OrderView, incoming: OrderState, volume: number): boolean {
  if (volume !== order.reportedFilled) {
    return volume < order.reportedFilled;
  }
  const from = progressRank(order.state);
  const to = progressRank(incoming);
  return from !== null && to !== null && to < from;
}

/** A status's bookkeeping: traded volume, reported average, broker ids, message. */
function recordStatus(order: OrderView, event: StatusEvent): OrderView {
  const reportedFilled = Math.max(order.reportedFilled, event.filledQuantity);
  return withAverage({
    ...order,
    xtStatus: event.xtStatus,
    reportedFilled,
    filledQuantity: Math.max(order.filledQuantity, reportedFilled),
    reportedAvgPrice:
      event.filledQuantity >= order.reportedFilled ? event.avgFillPrice : order.reportedAvgPrice,
    brokerOrderId: event.brokerOrderId > 0 ? event.brokerOrderId : order.brokerOrderId,
    brokerSysId: event.brokerSysId !== '' ? event.brokerSysId : order.brokerSysId,
    statusMessage: event.message !== '' ? event.message : order.statusMessage,
  });
}

/**
 * A BROKER_TRADE, applied by trade id in any state: a trade before its status counts. After a
 * terminal status (a 53 that came before its last trade) the fill is recorded and the state
 * stays: terminal states never change.
 */
function applyTrade(order: OrderView, event: TradeEvent): Applied {
  if (order.tradeIds.includes(event.tradeId)) {
    return ignored('DUPLICATE');
  }
  if (!Number.isSafeInteger(event.quantity) || event.quantity <= 0) {
    return illegal(order.state, order.state);
  }
  const tradedFromTrades = order.tradedFromTrades + event.quantity;
  if (tradedFromTrades > order.quantity) {
    return illegal(order.state, 'ORDER_SUCCEEDED');
  }
  const filled = withAverage({
    ...order,
    tradeIds: [...order.tradeIds, event.tradeId],
    tradedFromTrades,
    fillNotional: asMoney(order.fillNotional + notional(event.price, event.quantity)),
    filledQuantity: Math.max(order.filledQuantity, tradedFromTrades),
  });
  if (isTerminalState(order.state)) {
    return commit(order, filled);
  }
  return commit(order, {
    ...filled,
    state: settle(order.state, filled.filledQuantity, order.quantity),
  });
}

/** What a state means once the order has fills that do not cover its quantity. */
const WITH_FILLS: Readonly<Record<OrderState, OrderState>> = {
  // A fill proves the order reached the broker and is working.
  PENDING_RISK: 'ORDER_PART_SUCC',
  ROUTED: 'ORDER_PART_SUCC',
  ORDER_UNREPORTED: 'ORDER_PART_SUCC',
  ORDER_WAIT_REPORTING: 'ORDER_PART_SUCC',
  ORDER_REPORTED: 'ORDER_PART_SUCC',
  ORDER_PART_SUCC: 'ORDER_PART_SUCC',
  // Cancel pending and filled: 51 + a fill = 52 (xtquant-api §5.23).
  ORDER_REPORTED_CANCEL: 'ORDER_PARTSUCC_CANCEL',
  ORDER_PARTSUCC_CANCEL: 'ORDER_PARTSUCC_CANCEL',
  // Still needs reconciliation, whatever the fills say.
  ORDER_UNKNOWN: 'ORDER_UNKNOWN',
  // A 54 with fills is a 53: the cancel took the remainder, the fills stay (§5.23).
  ORDER_CANCELED: 'ORDER_PART_CANCEL',
  ORDER_PART_CANCEL: 'ORDER_PART_CANCEL',
  ORDER_SUCCEEDED: 'ORDER_SUCCEEDED',
  ORDER_JUNK: 'ORDER_JUNK',
  REJECTED: 'REJECTED',
};

/**
 * The state a status (or, for a trade, the current state) means given the fills known. Fills
 * covering the quantity mean ORDER_SUCCEEDED whatever the status says (a trade before its status
 * counts; a 53 reporting every share traded is a fill); partial fills go by WITH_FILLS.
 */
function settle(candidate: OrderState, filled: number, quantity: number): OrderState {
  if (filled <= 0) {
    return candidate;
  }
  if (filled >= quantity) {
    return 'ORDER_SUCCEEDED';
  }
  return WITH_FILLS[candidate];
}

/** Average fill price: from the trades when they cover the fill, else the broker's report. */
function withAverage(view: OrderView): OrderView {
  let avgFillPrice: Price | null = null;
  if (view.tradedFromTrades > 0 && view.tradedFromTrades >= view.filledQuantity) {
    const traded = BigInt(view.tradedFromTrades);
    const whole = view.fillNotional / traded;
    const roundUp = (view.fillNotional % traded) * 2n >= traded ? 1n : 0n;
    avgFillPrice = asPrice(Number(whole + roundUp));
  } else if (view.filledQuantity > 0) {
    avgFillPrice = view.reportedAvgPrice;
  }
  return { ...view, avgFillPrice };
}

/** The gate every change passes: the table decides the move, and a change of nothing is a duplicate. */
function commit(before: OrderView, after: OrderView): Applied {
  if (after.state !== before.state && !canTransition(before.state, after.state)) {
    return illegal(before.state, after.state);
  }
  if (sameView(before, after)) {
    return ignored('DUPLICATE');
  }
  return { kind: 'applied', order: after };
}

function sameView(a: OrderView, b: OrderView): boolean {
  return (Object.keys(a) as (keyof OrderView)[]).every((key) => Object.is(a[key], b[key]));
}
