import { XtOrderStatus } from '../xt/index.js';
import {
  GatewayState,
  isTerminalState,
  orderStateOfXtStatus,
  progressRank,
  type OrderState,
} from './order-state.js';
import { ORDER_TRANSITIONS, canTransition } from './order-transitions.js';

const ALL_STATES = [...Object.keys(GatewayState), ...Object.keys(XtOrderStatus)] as OrderState[];
const TERMINAL_STATES: OrderState[] = [
  'REJECTED',
  'ORDER_PART_CANCEL',
  'ORDER_CANCELED',
  'ORDER_SUCCEEDED',
  'ORDER_JUNK',
];

describe('order states', () => {
  it.each(ALL_STATES.map((state) => [state, TERMINAL_STATES.includes(state)] as const))(
    'isTerminalState(%s) is %s',
    (state, terminal) => {
      expect(isTerminalState(state)).toBe(terminal);
    },
  );

  it.each<[number, OrderState]>([
    [48, 'ORDER_UNREPORTED'],
    [49, 'ORDER_WAIT_REPORTING'],
    [50, 'ORDER_REPORTED'],
    [51, 'ORDER_REPORTED_CANCEL'],
    [52, 'ORDER_PARTSUCC_CANCEL'],
    [53, 'ORDER_PART_CANCEL'],
    [54, 'ORDER_CANCELED'],
    [55, 'ORDER_PART_SUCC'],
    [56, 'ORDER_SUCCEEDED'],
    [57, 'ORDER_JUNK'],
    [255, 'ORDER_UNKNOWN'],
    // Codes xtconstant lacks are unknown, never a guess (STYLE §2.9.4).
    [86, 'ORDER_UNKNOWN'],
    [0, 'ORDER_UNKNOWN'],
    [-1, 'ORDER_UNKNOWN'],
  ])('orderStateOfXtStatus(%i) is %s', (code, state) => {
    expect(orderStateOfXtStatus(code)).toBe(state);
  });

  it('ranks statuses in the order a broker reports them, terminal last, unknown unranked', () => {
    const live: OrderState[] = [
      'PENDING_RISK',
      'ROUTED',
      'ORDER_UNREPORTED',
      'ORDER_WAIT_REPORTING',
      'ORDER_REPORTED',
      'ORDER_PART_SUCC',
      'ORDER_REPORTED_CANCEL',
      'ORDER_PARTSUCC_CANCEL',
    ];
    const ranks = live.map((state) => progressRank(state) ?? Number.NaN);
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    expect(new Set(ranks).size).toBe(live.length);
    for (const terminal of TERMINAL_STATES) {
      expect(progressRank(terminal)).toBeGreaterThan(Math.max(...ranks));
    }
    expect(progressRank('ORDER_UNKNOWN')).toBeNull();
  });
});

describe('ORDER_TRANSITIONS', () => {
  it.each(ORDER_TRANSITIONS.map(([from, to]) => [from, to] as const))(
    'allows %s → %s',
    (from, to) => {
      expect(canTransition(from, to)).toBe(true);
    },
  );

  it('lists each move once and never a move to the same state', () => {
    const keys = ORDER_TRANSITIONS.map(([from, to]) => `${from}>${to}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(ORDER_TRANSITIONS.filter(([from, to]) => from === to)).toEqual([]);
  });

  it.each(TERMINAL_STATES)('never leaves the terminal state %s', (terminal) => {
    expect(ALL_STATES.filter((to) => canTransition(terminal, to))).toEqual([]);
  });

  it('only PENDING_RISK moves to ROUTED, and nothing moves to PENDING_RISK', () => {
    expect(ORDER_TRANSITIONS.filter(([, to]) => to === 'PENDING_RISK')).toEqual([]);
    expect(ORDER_TRANSITIONS.filter(([, to]) => to === 'ROUTED')).toEqual([
      ['PENDING_RISK', 'ROUTED'],
    ]);
  });

  it('reaches every state from PENDING_RISK', () => {
    const reached = new Set<OrderState>(['PENDING_RISK']);
    let size = 0;
    while (reached.size > size) {
      size = reached.size;
      for (const [from, to] of ORDER_TRANSITIONS) {
        if (reached.has(from)) {
          reached.add(to);
        }
      }
    }
    expect([...reached].sort()).toEqual([...ALL_STATES].sort());
  });

  it.each<[OrderState, OrderState, string]>([
    ['ORDER_SUCCEEDED', 'ORDER_REPORTED', 'a terminal state never reopens'],
    ['ORDER_CANCELED', 'ORDER_PART_SUCC', 'a late fill does not reopen a cancel'],
    ['ORDER_PART_CANCEL', 'ORDER_SUCCEEDED', 'one terminal state never becomes another'],
    ['ORDER_JUNK', 'ORDER_UNKNOWN', 'junk is final even when the broker is unsure'],
    ['REJECTED', 'ROUTED', 'a rejected order is never routed'],
    ['ORDER_REPORTED', 'ORDER_UNREPORTED', 'statuses do not go backwards'],
    ['ORDER_PART_SUCC', 'ORDER_REPORTED', 'a fill is not undone'],
    ['ORDER_PART_SUCC', 'ORDER_REPORTED_CANCEL', 'a cancel after a fill is 52, not 51'],
    ['ORDER_REPORTED_CANCEL', 'ORDER_REPORTED', 'a failed cancel looks like a late 50'],
    ['ORDER_PARTSUCC_CANCEL', 'ORDER_REPORTED_CANCEL', 'a fill is not undone'],
    ['ORDER_REPORTED', 'REJECTED', 'the broker has it: only the broker ends it'],
    ['ORDER_UNKNOWN', 'REJECTED', 'the broker may have it: only the broker ends it'],
    ['ORDER_UNKNOWN', 'ROUTED', 'gateway states are not broker statuses'],
    ['ORDER_REPORTED', 'PENDING_RISK', 'nothing goes back to risk'],
    ['ROUTED', 'PENDING_RISK', 'nothing goes back to risk'],
  ])('forbids %s → %s (%s)', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });
});
