import type { OrderState } from './order-state.js';

const WORKING: readonly OrderState[] = [
  'ORDER_UNREPORTED',
  'ORDER_WAIT_REPORTING',
  'ORDER_REPORTED',
  'ORDER_PART_SUCC',
  'ORDER_REPORTED_CANCEL',
  'ORDER_PARTSUCC_CANCEL',
];
const ENDINGS: readonly OrderState[] = [
  'ORDER_PART_CANCEL',
  'ORDER_CANCELED',
  'ORDER_SUCCEEDED',
  'ORDER_JUNK',
];

function rows(from: readonly OrderState[], to: readonly OrderState[]): [OrderState, OrderState][] {
  return from.flatMap((f) =>
    to.filter((t) => t !== f).map((t): [OrderState, OrderState] => [f, t]),
  );
}

/**
 * The one table of allowed moves (STYLE §2.3). Reading it: a miniQMT status may be skipped or
 * arrive out of order, so every working status may move to any later one; what the table
 * forbids is reopening a terminal state and moving backwards, which the reducer reports as
 * stale rather than illegal when the broker simply delivered late.
 */
export const ORDER_TRANSITIONS: readonly (readonly [from: OrderState, to: OrderState])[] = [
  ['PENDING_RISK', 'ROUTED'],
  ['PENDING_RISK', 'REJECTED'],
  // The route job can reach the broker before the OMS records the risk verdict: a broker
  // status proves the order was routed.
  ...rows(['PENDING_RISK'], [...WORKING, ...ENDINGS, 'ORDER_UNKNOWN']),
  // The connector refused the route job (expired, session down): nothing reached the broker.
  ['ROUTED', 'REJECTED'],
  // The first status miniQMT pushes can be any of them (48 is often skipped).
  ...rows(['ROUTED'], [...WORKING, ...ENDINGS, 'ORDER_UNKNOWN']),
  // Working statuses move forward, skipping any; 51/52 (cancel pending) can still fill.
  ...rows(WORKING, [...WORKING, ...ENDINGS]).filter(([from, to]) => forward(from, to)),
  // 255 (or an unlisted code) means "needs reconciliation": any real status may follow.
  ...rows(['ORDER_UNKNOWN'], [...WORKING, ...ENDINGS]),
  // A working order can fall to unknown when the broker says so.
  ...rows(WORKING, ['ORDER_UNKNOWN']),
];

function forward(from: OrderState, to: OrderState): boolean {
  if (ENDINGS.includes(to)) {
    return true;
  }
  // 51 (cancel pending, nothing filled) → 55 (a fill arrived): the broker then reports 52, but
  // a 55 in between is a real possibility, so allow it.
  if (from === 'ORDER_REPORTED_CANCEL' && to === 'ORDER_PART_SUCC') {
    return true;
  }
  return WORKING.indexOf(to) > WORKING.indexOf(from);
}

const ALLOWED = new Set(ORDER_TRANSITIONS.map(([from, to]) => `${from}>${to}`));

export function canTransition(from: OrderState, to: OrderState): boolean {
  return ALLOWED.has(`${from}>${to}`);
}
