import type { OrderState } from './order-state.js';

type Move = readonly [from: OrderState, to: OrderState];

/** miniQMT statuses of a live order (xtquant-api §1.5), in progress order. */
const LIVE: readonly OrderState[] = [
  'ORDER_UNREPORTED',
  'ORDER_WAIT_REPORTING',
  'ORDER_REPORTED',
  'ORDER_PART_SUCC',
  'ORDER_REPORTED_CANCEL',
  'ORDER_PARTSUCC_CANCEL',
];
/** miniQMT's terminal statuses: 53, 54, 56, 57. */
const ENDINGS: readonly OrderState[] = [
  'ORDER_PART_CANCEL',
  'ORDER_CANCELED',
  'ORDER_SUCCEEDED',
  'ORDER_JUNK',
];

const moves = (from: OrderState, to: readonly OrderState[]): Move[] =>
  to.map((target): Move => [from, target]);

/**
 * The one table of allowed moves (STYLE §2.3, §2.9.1). Nothing leaves a terminal state. A late
 * status asking for a move back (a 50 after a 55) is not illegal: the reducer reports it as
 * STALE_STATUS before it gets here (docs/order-state-machine.md).
 */
export const ORDER_TRANSITIONS: readonly (readonly [from: OrderState, to: OrderState])[] = [
  // Gateway states.
  ['PENDING_RISK', 'ROUTED'],
  ['PENDING_RISK', 'REJECTED'],
  // The connector refused the route job (expired, session down): nothing reached the broker.
  ['ROUTED', 'REJECTED'],

  // The first status miniQMT pushes can be any of them: 48/49 are often skipped and reports
  // reorder, so a 56 or a 57 can come first (xtquant-api §5.6, §5.7).
  ...moves('ROUTED', [...LIVE, ...ENDINGS, 'ORDER_UNKNOWN']),
  // The route job can reach miniQMT before the OMS records the risk verdict (or the OMS died in
  // between and the sweeper has not asked again yet): a broker report proves the order was routed.
  ...moves('PENDING_RISK', [...LIVE, ...ENDINGS, 'ORDER_UNKNOWN']),

  // Live statuses move forward, skipping any.
  ['ORDER_UNREPORTED', 'ORDER_WAIT_REPORTING'],
  ['ORDER_UNREPORTED', 'ORDER_REPORTED'],
  ['ORDER_UNREPORTED', 'ORDER_PART_SUCC'],
  ['ORDER_UNREPORTED', 'ORDER_REPORTED_CANCEL'],
  ['ORDER_UNREPORTED', 'ORDER_PARTSUCC_CANCEL'],
  ['ORDER_WAIT_REPORTING', 'ORDER_REPORTED'],
  ['ORDER_WAIT_REPORTING', 'ORDER_PART_SUCC'],
  ['ORDER_WAIT_REPORTING', 'ORDER_REPORTED_CANCEL'],
  ['ORDER_WAIT_REPORTING', 'ORDER_PARTSUCC_CANCEL'],
  ['ORDER_REPORTED', 'ORDER_PART_SUCC'],
  ['ORDER_REPORTED', 'ORDER_REPORTED_CANCEL'],
  ['ORDER_REPORTED', 'ORDER_PARTSUCC_CANCEL'],
  ['ORDER_PART_SUCC', 'ORDER_PARTSUCC_CANCEL'],
  // Cancel pending is not cancelled: the order can still fill (51 + a fill = 52, §5.23).
  ['ORDER_REPORTED_CANCEL', 'ORDER_PARTSUCC_CANCEL'],
  // The cancel failed (on_cancel_error, §5.10) and the order went on filling: the broker reports
  // 55 with more traded volume than the cancel-pending status before it.
  ['ORDER_REPORTED_CANCEL', 'ORDER_PART_SUCC'],
  ['ORDER_PARTSUCC_CANCEL', 'ORDER_PART_SUCC'],
  // Not here: 55 → 51 (a cancel after a fill is a 52) and 51 → 50 (a failed cancel with nothing
  // filled looks exactly like a late 50, so the order waits in 51 for its next report).

  // Any live status may end any way: 56 after a cancel request means the cancel came too late
  // (§5.10), 57 can follow 50 (an after-hours order, §5.7), 53/54 end a cancel.
  ...LIVE.flatMap((from) => moves(from, ENDINGS)),

  // 255 or a code xtconstant lacks: the broker does not know, reconciliation will tell (§1.5).
  // Any live status may fall to it and any broker status may follow it.
  ...LIVE.flatMap((from) => moves(from, ['ORDER_UNKNOWN'])),
  ...moves('ORDER_UNKNOWN', [...LIVE, ...ENDINGS]),
];

const ALLOWED: ReadonlySet<string> = new Set(
  ORDER_TRANSITIONS.map(([from, to]) => `${from}>${to}`),
);

export function canTransition(from: OrderState, to: OrderState): boolean {
  return ALLOWED.has(`${from}>${to}`);
}
