import { xtOrderStatusName, type XtOrderStatusName } from '../xt/index.js';

export type Side = 'BUY' | 'SELL';

/** States the gateway adds before the broker has the order (ARCHITECTURE §3). */
export const GatewayState = {
  PENDING_RISK: 'PENDING_RISK',
  REJECTED: 'REJECTED',
  ROUTED: 'ROUTED',
} as const;

/** Gateway states, then the miniQMT statuses 48–57 and 255 under their xtconstant names. */
export type OrderState = keyof typeof GatewayState | XtOrderStatusName;

const TERMINAL: ReadonlySet<OrderState> = new Set<OrderState>([
  'REJECTED',
  'ORDER_PART_CANCEL',
  'ORDER_CANCELED',
  'ORDER_SUCCEEDED',
  'ORDER_JUNK',
]);

/** Terminal states never reopen (xtquant-api §1.5: 53, 54, 56, 57; and a gateway rejection). */
export function isTerminalState(state: OrderState): boolean {
  return TERMINAL.has(state);
}

/**
 * A miniQMT status code as a state. Codes xtconstant lacks (86, seen on some mini builds,
 * xtquant-api §1.5) are ORDER_UNKNOWN: not terminal, needs reconciliation.
 */
export function orderStateOfXtStatus(code: number): OrderState {
  return xtOrderStatusName(code) ?? 'ORDER_UNKNOWN';
}

/**
 * How far along an order is. Two statuses are ordered by their cumulative traded volume first
 * (it never goes down at the broker) and by this rank when the volumes are equal. 51 ranks above
 * 55: a cancel requested after a fill is reported as 52, so of a 55 and a 51 at the same volume
 * the cancel request is the later news. Terminal states rank highest. ORDER_UNKNOWN has no rank
 * (null): any live state may fall to it and any status may follow it.
 */
const RANK: Readonly<Record<OrderState, number | null>> = {
  PENDING_RISK: 0,
  ROUTED: 1,
  ORDER_UNREPORTED: 2,
  ORDER_WAIT_REPORTING: 3,
  ORDER_REPORTED: 4,
  ORDER_PART_SUCC: 5,
  ORDER_REPORTED_CANCEL: 6,
  ORDER_PARTSUCC_CANCEL: 7,
  REJECTED: 8,
  ORDER_PART_CANCEL: 8,
  ORDER_CANCELED: 8,
  ORDER_SUCCEEDED: 8,
  ORDER_JUNK: 8,
  ORDER_UNKNOWN: null,
};

export function progressRank(state: OrderState): number | null {
  return RANK[state];
}
