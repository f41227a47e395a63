import { xtOrderStatusName, type XtOrderStatusName } from '../xt/index.js';

export type Side = 'BUY' | 'SELL';

/** States the gateway adds before the broker has the order. */
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

/** Terminal states never reopen (xtquant-api §1.5: 53, 54, 56, 57; and a risk rejection). */
export function isTerminalState(state: OrderState): boolean {
  return TERMINAL.has(state);
}

/** A miniQMT status code as a state; codes xtconstant lacks (86…) are ORDER_UNKNOWN. */
export function orderStateOfXtStatus(code: number): OrderState {
  return xtOrderStatusName(code) ?? 'ORDER_UNKNOWN';
}

/**
 * Progress of an order, used to tell a stale status from a newer one. Statuses of equal rank
 * are ordered by cumulative traded volume instead (§5.6: pushes reorder).
 */
export const STATE_RANK: Readonly<Record<OrderState, number>> = {
  PENDING_RISK: 0,
  ROUTED: 1,
  ORDER_UNKNOWN: 1,
  ORDER_UNREPORTED: 2,
  ORDER_WAIT_REPORTING: 3,
  ORDER_REPORTED: 4,
  ORDER_PART_SUCC: 5,
  ORDER_REPORTED_CANCEL: 6,
  ORDER_PARTSUCC_CANCEL: 7,
  REJECTED: 9,
  ORDER_PART_CANCEL: 9,
  ORDER_CANCELED: 9,
  ORDER_SUCCEEDED: 9,
  ORDER_JUNK: 9,
};
