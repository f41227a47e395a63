import fc from 'fast-check';
import { asPrice, type Price } from '../money/index.js';
import { XtOrderStatus, type XtOrderStatusName } from '../xt/index.js';
import {
  applyOrderEvent,
  newOrderView,
  type Applied,
  type OrderEvent,
  type OrderView,
} from './order-reducer.js';
import { isTerminalState, type OrderState } from './order-state.js';
import { ORDER_TRANSITIONS, canTransition } from './order-transitions.js';

const Q = 100;
const P = asPrice(116000); // 11.60 CNY

const approved: OrderEvent = { type: 'RISK_APPROVED' };

function status(
  code: number,
  filled = 0,
  more: { avg?: Price; sysId?: string; brokerOrderId?: number; message?: string } = {},
): OrderEvent {
  return {
    type: 'BROKER_STATUS',
    xtStatus: code,
    filledQuantity: filled,
    avgFillPrice: more.avg ?? (filled > 0 ? P : asPrice(0)),
    brokerOrderId: more.brokerOrderId ?? 7,
    brokerSysId: more.sysId ?? 'S1',
    message: more.message ?? '',
  };
}

const trade = (id: string, quantity: number, price: Price = P): OrderEvent => ({
  type: 'BROKER_TRADE',
  tradeId: id,
  quantity,
  price,
});

/** Applies events in order; ignored and illegal ones change nothing, as in the OMS. */
function run(events: readonly OrderEvent[], quantity = Q): OrderView {
  let view = newOrderView(quantity);
  for (const event of events) {
    const result = applyOrderEvent(view, event);
    if (result.kind === 'applied') {
      view = result.order;
    }
  }
  return view;
}

/** A view in a state, with no fills (the table rows are checked from such views). */
function viewIn(state: OrderState, quantity = Q): OrderView {
  return { ...newOrderView(quantity), state };
}

function stateOf(result: Applied): OrderState | Applied {
  return result.kind === 'applied' ? result.order.state : result;
}

const STALE = { kind: 'ignored', reason: 'STALE_STATUS' } as const;
const DUPLICATE = { kind: 'ignored', reason: 'DUPLICATE' } as const;
const TERMINAL = { kind: 'ignored', reason: 'TERMINAL' } as const;

/** The event that asks for `to`: the verdict, the refusal, or the broker's status for it. */
function eventFor(from: OrderState, to: OrderState): OrderEvent {
  if (to === 'ROUTED') {
    return approved;
  }
  if (to === 'REJECTED') {
    return from === 'PENDING_RISK'
      ? { type: 'RISK_REJECTED', rule: 'LOT_SIZE', message: 'odd lot' }
      : { type: 'ROUTE_REFUSED', rule: 'CONNECTOR_UNAVAILABLE', message: 'job expired' };
  }
  if (to === 'PENDING_RISK') {
    throw new Error('nothing moves to PENDING_RISK');
  }
  const filled: Partial<Record<XtOrderStatusName, number>> = {
    ORDER_PART_SUCC: 10,
    ORDER_PARTSUCC_CANCEL: 10,
    ORDER_PART_CANCEL: 10,
    ORDER_SUCCEEDED: Q,
  };
  return status(XtOrderStatus[to], filled[to] ?? 0);
}

describe('every row of ORDER_TRANSITIONS is a move the reducer makes', () => {
  it.each(ORDER_TRANSITIONS.map(([from, to]) => [from, to] as const))('%s → %s', (from, to) => {
    expect(stateOf(applyOrderEvent(viewIn(from), eventFor(from, to)))).toBe(to);
  });
});

describe('applyOrderEvent: the gateway states', () => {
  it('walks PENDING_RISK → ROUTED → 48 → 50 → trade → 56', () => {
    const view = run([
      approved,
      status(48, 0, { sysId: '' }),
      status(50),
      trade('T1', Q),
      status(56, Q, { message: '已成' }),
    ]);
    expect(view).toMatchObject({
      state: 'ORDER_SUCCEEDED',
      filledQuantity: Q,
      tradedFromTrades: Q,
      reportedFilled: Q,
      avgFillPrice: P,
      xtStatus: 56,
      brokerOrderId: 7,
      brokerSysId: 'S1',
      tradeIds: ['T1'],
      statusMessage: '已成',
    });
    expect(view.fillNotional).toBe(11_600_000n);
  });

  it('starts in PENDING_RISK with nothing filled', () => {
    expect(newOrderView(300)).toMatchObject({
      state: 'PENDING_RISK',
      quantity: 300,
      filledQuantity: 0,
      avgFillPrice: null,
      xtStatus: null,
      tradeIds: [],
      rejection: null,
    });
  });

  it('records a risk rejection with its rule, and a second one is a duplicate', () => {
    const result = applyOrderEvent(newOrderView(Q), {
      type: 'RISK_REJECTED',
      rule: 'LOT_SIZE',
      message: 'odd lot',
    });
    expect(result).toMatchObject({
      kind: 'applied',
      order: {
        state: 'REJECTED',
        rejection: { rule: 'LOT_SIZE', message: 'odd lot' },
        statusMessage: 'odd lot',
      },
    });
    const rejected = run([{ type: 'RISK_REJECTED', rule: 'LOT_SIZE', message: 'odd lot' }]);
    expect(
      applyOrderEvent(rejected, { type: 'RISK_REJECTED', rule: 'LOT_SIZE', message: 'odd lot' }),
    ).toEqual(DUPLICATE);
  });

  it.each<[string, readonly OrderEvent[], OrderEvent, Applied | OrderState]>([
    ['approval twice', [approved], approved, DUPLICATE],
    ['approval after a broker status', [status(50)], approved, STALE],
    [
      'approval after a rejection',
      [{ type: 'RISK_REJECTED', rule: 'X', message: '' }],
      approved,
      TERMINAL,
    ],
    [
      'rejection after the approval',
      [approved],
      { type: 'RISK_REJECTED', rule: 'X', message: '' },
      { kind: 'illegal', from: 'ROUTED', to: 'REJECTED' },
    ],
    [
      'route refused after the approval',
      [approved],
      { type: 'ROUTE_REFUSED', rule: 'CONNECTOR_UNAVAILABLE', message: 'expired' },
      'REJECTED',
    ],
    [
      'route refused before the approval is recorded',
      [],
      { type: 'ROUTE_REFUSED', rule: 'CONNECTOR_UNAVAILABLE', message: 'expired' },
      'REJECTED',
    ],
    [
      'route refused once the broker has it',
      [approved, status(50)],
      { type: 'ROUTE_REFUSED', rule: 'CONNECTOR_UNAVAILABLE', message: 'expired' },
      { kind: 'illegal', from: 'ORDER_REPORTED', to: 'REJECTED' },
    ],
    ['a broker status before the approval is recorded', [], status(50), 'ORDER_REPORTED'],
  ])('%s', (_what, before, event, expected) => {
    expect(stateOf(applyOrderEvent(run(before), event))).toEqual(expected);
  });

  it('takes the broker order id from the async response without changing the state', () => {
    const acked = applyOrderEvent(run([approved]), { type: 'BROKER_ACK', brokerOrderId: 1234 });
    expect(acked).toMatchObject({
      kind: 'applied',
      order: { state: 'ROUTED', brokerOrderId: 1234 },
    });
    const early = applyOrderEvent(newOrderView(Q), { type: 'BROKER_ACK', brokerOrderId: 1234 });
    expect(early).toMatchObject({ kind: 'applied', order: { state: 'PENDING_RISK' } });
    const again = run([approved, { type: 'BROKER_ACK', brokerOrderId: 1234 }]);
    expect(applyOrderEvent(again, { type: 'BROKER_ACK', brokerOrderId: 1234 })).toEqual(DUPLICATE);
    // -1 / 0 are not ids (xtquant-api §5.7): nothing to record.
    expect(applyOrderEvent(again, { type: 'BROKER_ACK', brokerOrderId: -1 })).toEqual(DUPLICATE);
  });

  it('takes the broker ids from statuses that carry them, and keeps them when one does not', () => {
    const view = run([
      approved,
      status(48, 0, { sysId: '', brokerOrderId: 0 }),
      status(50, 0, { sysId: '5001', brokerOrderId: 42 }),
      status(55, 10, { sysId: '', brokerOrderId: 0 }),
    ]);
    expect(view).toMatchObject({
      state: 'ORDER_PART_SUCC',
      brokerSysId: '5001',
      brokerOrderId: 42,
    });
  });
});

describe('applyOrderEvent: duplicates', () => {
  it.each<[string, readonly OrderEvent[], OrderEvent]>([
    ['48', [approved, status(48)], status(48)],
    ['50', [approved, status(50)], status(50)],
    ['55 with the same volume', [approved, status(55, 30)], status(55, 30)],
    ['51', [approved, status(50), status(51)], status(51)],
    ['255', [approved, status(50), status(255)], status(255)],
    ['56 (terminal)', [approved, status(56, Q)], status(56, Q)],
    ['54 (terminal)', [approved, status(54)], status(54)],
    [
      'a status repeated after a trade moved the order on',
      [approved, status(50), trade('T1', 10)],
      status(50),
    ],
    ['a trade id', [approved, trade('T1', 30)], trade('T1', 30)],
    [
      'a trade id after the order ended',
      [approved, trade('T1', 30), status(53, 30)],
      trade('T1', 30),
    ],
    [
      'a broker order error after 57',
      [approved, status(57)],
      { type: 'BROKER_ORDER_ERROR', errorId: -61, message: 'x' },
    ],
  ])('ignores a repeated %s', (_what, before, event) => {
    const view = run(before);
    expect(applyOrderEvent(view, event)).toEqual(DUPLICATE);
  });

  it('applies a repeated status that brings a field the first one lacked', () => {
    const view = run([approved, status(50, 0, { sysId: '' })]);
    expect(applyOrderEvent(view, status(50, 0, { sysId: '5001' }))).toMatchObject({
      kind: 'applied',
      order: { state: 'ORDER_REPORTED', brokerSysId: '5001' },
    });
  });
});

describe('applyOrderEvent: out-of-order arrival', () => {
  it.each<[string, readonly OrderEvent[], number, OrderState]>([
    ['routed, all of it', [approved], Q, 'ORDER_SUCCEEDED'],
    ['routed, part of it', [approved], 40, 'ORDER_PART_SUCC'],
    ['before the risk verdict is recorded', [], 40, 'ORDER_PART_SUCC'],
    ['48', [approved, status(48)], 40, 'ORDER_PART_SUCC'],
    ['50', [approved, status(50)], 40, 'ORDER_PART_SUCC'],
    ['50, all of it', [approved, status(50)], Q, 'ORDER_SUCCEEDED'],
    ['55 reporting less', [approved, status(55, 20)], 40, 'ORDER_PART_SUCC'],
    [
      '51 (cancel pending can still fill)',
      [approved, status(50), status(51)],
      40,
      'ORDER_PARTSUCC_CANCEL',
    ],
    ['51, all of it (the cancel came too late)', [approved, status(51)], Q, 'ORDER_SUCCEEDED'],
    ['52', [approved, status(52, 20)], 40, 'ORDER_PARTSUCC_CANCEL'],
    ['255 (still needs reconciliation)', [approved, status(255)], 40, 'ORDER_UNKNOWN'],
    ['255, all of it', [approved, status(255)], Q, 'ORDER_SUCCEEDED'],
  ])('counts a trade that arrives before its status: %s', (_what, before, quantity, expected) => {
    const result = applyOrderEvent(run(before), trade('T1', quantity));
    expect(result).toMatchObject({
      kind: 'applied',
      order: { state: expected, filledQuantity: Math.max(quantity, run(before).reportedFilled) },
    });
  });

  it('lets the broker complete the record of an order its fills already ended', () => {
    const filled = run([approved, trade('T1', 60), trade('T2', 40)]);
    expect(filled).toMatchObject({ state: 'ORDER_SUCCEEDED', xtStatus: null, brokerSysId: null });
    expect(applyOrderEvent(filled, status(55, 60))).toEqual(TERMINAL);
    expect(applyOrderEvent(filled, status(56, Q, { sysId: '5001' }))).toMatchObject({
      kind: 'applied',
      order: { state: 'ORDER_SUCCEEDED', xtStatus: 56, brokerSysId: '5001', reportedFilled: Q },
    });
  });

  it.each<[string, readonly OrderEvent[], OrderEvent, Applied | OrderState]>([
    ['a 55 with less traded volume than the last 55', [status(55, 200)], status(55, 100), STALE],
    ['a 50 after a 55', [status(55, 60)], status(50), STALE],
    ['a 50 after fills arrived as trades', [trade('T1', 40)], status(50), STALE],
    ['a 48 after a 50', [status(50)], status(48), STALE],
    ['a 51 after 52', [status(52, 60)], status(51), STALE],
    ['a 55 with less volume after a 52', [status(52, 60)], status(55, 30), STALE],
    ['a 255 with less volume than a 55', [status(55, 60)], status(255, 30), STALE],
    ['a 50 after 56', [status(56, 300)], status(50), TERMINAL],
    ['a stale 55 after 56', [status(56, 300)], status(55, 200), TERMINAL],
    ['a 51 after 54', [status(54)], status(51), TERMINAL],
    ['a 53 after 56', [status(56, 300)], status(53, 300), TERMINAL],
    [
      'a 52 at the same volume after a 55',
      [status(55, 60)],
      status(52, 60),
      'ORDER_PARTSUCC_CANCEL',
    ],
    [
      'a 55 with more volume after a 52 (the cancel failed)',
      [status(52, 60)],
      status(55, 80),
      'ORDER_PART_SUCC',
    ],
    ['a 51 after fills arrived as trades', [trade('T1', 40)], status(51), 'ORDER_PARTSUCC_CANCEL'],
    ['a 54 after fills arrived as trades', [trade('T1', 40)], status(54), 'ORDER_PART_CANCEL'],
    ['a 56 before any other status', [], status(56, 300), 'ORDER_SUCCEEDED'],
    ['a 53 reporting every share traded', [status(52, 200)], status(53, 300), 'ORDER_SUCCEEDED'],
    [
      'a 53 with less volume than a 55 (terminal is never stale)',
      [status(55, 60)],
      status(53, 50),
      'ORDER_PART_CANCEL',
    ],
    ['a 255 after a 55', [status(55, 60)], status(255, 60), 'ORDER_UNKNOWN'],
    ['a 50 after a 255 (reconciliation)', [status(255)], status(50), 'ORDER_REPORTED'],
    [
      'a 50 after a 255 with fills known',
      [status(55, 60), status(255, 60)],
      status(50, 60),
      'ORDER_PART_SUCC',
    ],
    ['a 48 carrying traded volume', [status(50)], status(48, 60), 'ORDER_PART_SUCC'],
  ])('%s', (_what, before, event, expected) => {
    const view = run([approved, ...before], 300);
    expect(stateOf(applyOrderEvent(view, event))).toEqual(expected);
  });

  it('treats an unlisted code as unknown and keeps the raw code', () => {
    const view = run([approved, status(50), status(86)]);
    expect(view).toMatchObject({ state: 'ORDER_UNKNOWN', xtStatus: 86 });
    expect(run([approved, status(50), status(86), status(54)]).state).toBe('ORDER_CANCELED');
  });

  it('keeps the fills of a 53 that arrives before its last trade, and records that trade', () => {
    const view = run([approved, status(50), trade('T1', 20), status(52, 20), status(53, 50)]);
    expect(view).toMatchObject({
      state: 'ORDER_PART_CANCEL',
      filledQuantity: 50,
      tradedFromTrades: 20,
      reportedFilled: 50,
      avgFillPrice: P,
    });
    const late = applyOrderEvent(view, trade('T2', 30, asPrice(117000)));
    expect(late).toMatchObject({
      kind: 'applied',
      order: {
        state: 'ORDER_PART_CANCEL',
        filledQuantity: 50,
        tradedFromTrades: 50,
        tradeIds: ['T1', 'T2'],
        fillNotional: 20n * 116000n + 30n * 117000n,
        avgFillPrice: asPrice(116600), // (20 × 11.60 + 30 × 11.70) / 50
        xtStatus: 53,
      },
    });
  });

  it('lets a cancel-pending order still fill: 50 → 51 → trade → 52 → 53', () => {
    const events = [approved, status(50), status(51), trade('T1', 30)];
    expect(run(events).state).toBe('ORDER_PARTSUCC_CANCEL');
    expect(run([...events, status(52, 30), status(53, 30)])).toMatchObject({
      state: 'ORDER_PART_CANCEL',
      filledQuantity: 30,
    });
  });
});

describe('applyOrderEvent: terminal states never reopen', () => {
  const ends: [string, readonly OrderEvent[]][] = [
    ['REJECTED', [{ type: 'RISK_REJECTED', rule: 'LOT_SIZE', message: '' }]],
    ['ORDER_PART_CANCEL', [approved, trade('T1', 30), status(53, 30)]],
    ['ORDER_CANCELED', [approved, status(54)]],
    ['ORDER_SUCCEEDED', [approved, status(56, Q)]],
    ['ORDER_JUNK', [approved, status(57, 0, { message: '[COUNTER][260200][可用资金不足]' })]],
  ];
  const asks: [string, OrderEvent][] = [
    ['50', status(50)],
    ['55', status(55, 30)],
    ['51', status(51)],
    ['255', status(255, 30)],
    ['86', status(86, 30)],
    ['an approval', approved],
  ];

  it.each(
    ends.flatMap(([end, events]) => asks.map(([ask, event]) => [end, ask, events, event] as const)),
  )('%s ignores %s', (_end, _ask, events, event) => {
    const view = run(events);
    expect(isTerminalState(view.state)).toBe(true);
    expect(applyOrderEvent(view, event)).toEqual(TERMINAL);
  });

  it.each(ends)('%s ignores a different terminal status', (_end, events) => {
    const view = run(events);
    const other = view.state === 'ORDER_CANCELED' ? status(56, Q) : status(54);
    expect(applyOrderEvent(view, other)).toEqual(TERMINAL);
  });

  it('records a late trade after a terminal status without changing the state', () => {
    const view = run([approved, status(54)]);
    expect(applyOrderEvent(view, trade('T1', 10))).toMatchObject({
      kind: 'applied',
      order: { state: 'ORDER_CANCELED', filledQuantity: 10, tradeIds: ['T1'] },
    });
  });
});

describe('applyOrderEvent: illegal', () => {
  it.each<[string, readonly OrderEvent[], OrderEvent, Applied]>([
    [
      'a status reporting more than the quantity',
      [approved, status(50)],
      status(55, Q + 1),
      { kind: 'illegal', from: 'ORDER_REPORTED', to: 'ORDER_PART_SUCC' },
    ],
    [
      'a negative traded volume',
      [approved],
      status(50, -1),
      { kind: 'illegal', from: 'ROUTED', to: 'ORDER_REPORTED' },
    ],
    [
      'trades beyond the quantity',
      [approved, trade('T1', 60)],
      trade('T2', 41),
      { kind: 'illegal', from: 'ORDER_PART_SUCC', to: 'ORDER_SUCCEEDED' },
    ],
    [
      'a trade of no shares',
      [approved],
      trade('T1', 0),
      { kind: 'illegal', from: 'ROUTED', to: 'ROUTED' },
    ],
    [
      'an order error on an order that traded',
      [approved, trade('T1', 10)],
      { type: 'BROKER_ORDER_ERROR', errorId: -61, message: 'x' },
      { kind: 'illegal', from: 'ORDER_PART_SUCC', to: 'ORDER_JUNK' },
    ],
  ])('%s', (_what, before, event, expected) => {
    expect(applyOrderEvent(run(before), event)).toEqual(expected);
  });
});

describe('applyOrderEvent: broker order errors and prices', () => {
  it.each<[string, readonly OrderEvent[]]>([
    ['routed', [approved]],
    ['before the verdict is recorded', []],
    ['50 (an after-hours order, xtquant-api §5.7)', [approved, status(50)]],
    ['255', [approved, status(255)]],
  ])('turns an order error into ORDER_JUNK with the reason: %s', (_what, before) => {
    const message = '限价买入 [SZ162411] [COUNTER] [12313][当前时间不允许此类证券交易]';
    expect(
      applyOrderEvent(run(before), { type: 'BROKER_ORDER_ERROR', errorId: -61, message }),
    ).toMatchObject({ kind: 'applied', order: { state: 'ORDER_JUNK', statusMessage: message } });
  });

  it('ignores an order error after the order ended otherwise', () => {
    expect(
      applyOrderEvent(run([approved, status(54)]), {
        type: 'BROKER_ORDER_ERROR',
        errorId: -61,
        message: 'x',
      }),
    ).toEqual(TERMINAL);
  });

  it.each<[string, readonly OrderEvent[], Price | null, number]>([
    ['nothing filled', [approved, status(50)], null, 0],
    [
      'trades only (half up)',
      [trade('T1', 1, asPrice(100001)), trade('T2', 1, asPrice(100002))],
      asPrice(100002),
      2,
    ],
    [
      'trades only, several prices',
      [trade('T1', 30, asPrice(116000)), trade('T2', 70, asPrice(117000))],
      asPrice(116700),
      Q,
    ],
    ['a status only', [status(55, 40, { avg: asPrice(115500) })], asPrice(115500), 40],
    [
      'trades behind the status',
      [trade('T1', 10), status(55, 40, { avg: asPrice(115500) })],
      asPrice(115500),
      40,
    ],
    [
      'trades ahead of the status',
      [status(55, 10, { avg: asPrice(115500) }), trade('T1', 40)],
      P,
      40,
    ],
  ])('average fill price with %s', (_what, events, avg, filled) => {
    const view = run([approved, ...events]);
    expect(view.avgFillPrice).toBe(avg);
    expect(view.filledQuantity).toBe(filled);
  });
});

describe('order state machine properties', () => {
  /** Splits a quantity into fills; returns the trades and the statuses a broker would send. */
  const partitionArb = fc
    .array(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 8 })
    .map((parts) => {
      const quantity = parts.reduce((sum, part) => sum + part, 0);
      let cumulative = 0;
      const trades: OrderEvent[] = [];
      const statuses: OrderEvent[] = [status(50)];
      parts.forEach((part, i) => {
        cumulative += part;
        trades.push(trade(`T${i}`, part, asPrice(116000 + i * 100)));
        if (cumulative < quantity) {
          statuses.push(status(55, cumulative));
        }
      });
      statuses.push(status(56, quantity));
      const notional = parts.reduce(
        (sum, part, i) => sum + BigInt(part) * BigInt(116000 + i * 100),
        0n,
      );
      return { quantity, trades, statuses, notional };
    });

  it('any order of the fills, their statuses, the final 56 and duplicates ends filled', () => {
    fc.assert(
      fc.property(
        partitionArb.chain((p) => {
          const events = [approved, ...p.trades, ...p.statuses];
          return fc.subarray(events).chain((dups) =>
            fc
              .shuffledSubarray([...events, ...dups], {
                minLength: events.length + dups.length,
                maxLength: events.length + dups.length,
              })
              .map((shuffled) => ({ p, shuffled })),
          );
        }),
        ({ p, shuffled }) => {
          const view = run(shuffled, p.quantity);
          expect(view.state).toBe('ORDER_SUCCEEDED');
          expect(view.filledQuantity).toBe(p.quantity);
          expect(view.tradedFromTrades).toBe(p.quantity);
          expect(view.tradeIds).toHaveLength(p.trades.length);
          expect(view.fillNotional).toBe(p.notional);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any order of the trades alone and the final 56 ends filled', () => {
    fc.assert(
      fc.property(
        partitionArb.chain((p) => {
          const events = [...p.trades, status(56, p.quantity)];
          return fc
            .shuffledSubarray(events, { minLength: events.length, maxLength: events.length })
            .map((shuffled) => ({ p, shuffled }));
        }),
        ({ p, shuffled }) => {
          const view = run([approved, ...shuffled], p.quantity);
          expect(view.state).toBe('ORDER_SUCCEEDED');
          expect(view.filledQuantity).toBe(p.quantity);
        },
      ),
      { numRuns: 300 },
    );
  });

  /**
   * A true broker history delivered in any order, with duplicates, ends where the broker ended:
   * 50, the fills with their 55 (or 52 once a cancel is pending) reports, perhaps a cancel
   * request (51/52) before one of the fills, then 56 if the fills cover the quantity, else the
   * cancel's 53 or 54 (an order its fills do not complete is always cancelled here, so it ends).
   */
  const historyArb = fc
    .record({
      parts: fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 6 }),
      rest: fc.integer({ min: 0, max: 300 }),
      cancelAt: fc.nat({ max: 6 }),
    })
    .map(({ parts, rest, cancelAt }) => {
      const filled = parts.reduce((sum, part) => sum + part, 0);
      const quantity = filled + (parts.length === 0 ? Math.max(rest, 1) : rest);
      const full = filled === quantity;
      const cancelBefore = cancelAt < parts.length ? cancelAt : full ? null : parts.length;
      const cancelRequest = (cumulative: number): OrderEvent =>
        cumulative > 0 ? status(52, cumulative) : status(51);
      const events: OrderEvent[] = [approved, status(50)];
      let cumulative = 0;
      for (const [i, part] of parts.entries()) {
        if (i === cancelBefore) {
          events.push(cancelRequest(cumulative));
        }
        cumulative += part;
        events.push(trade(`T${i}`, part));
        if (cumulative < quantity) {
          const cancelling = cancelBefore !== null && i >= cancelBefore;
          events.push(status(cancelling ? 52 : 55, cumulative));
        }
      }
      if (cancelBefore === parts.length) {
        events.push(cancelRequest(cumulative));
      }
      events.push(full ? status(56, quantity) : status(filled > 0 ? 53 : 54, filled));
      const end: OrderState = full
        ? 'ORDER_SUCCEEDED'
        : filled > 0
          ? 'ORDER_PART_CANCEL'
          : 'ORDER_CANCELED';
      return { quantity, events, end, filled };
    });

  it('any order of a broker history, with duplicates, ends where the broker ended', () => {
    fc.assert(
      fc.property(
        historyArb.chain((h) =>
          fc.subarray(h.events).chain((dups) =>
            fc
              .shuffledSubarray([...h.events, ...dups], {
                minLength: h.events.length + dups.length,
                maxLength: h.events.length + dups.length,
              })
              .map((shuffled) => ({ h, shuffled })),
          ),
        ),
        ({ h, shuffled }) => {
          const view = run(shuffled, h.quantity);
          expect(view.state).toBe(h.end);
          expect(view.filledQuantity).toBe(h.filled);
          expect(view.tradedFromTrades).toBe(h.filled);
        },
      ),
      { numRuns: 500 },
    );
  });

  /** Anything, including nonsense: out-of-range volumes, unknown codes, repeated ids. */
  const anyEventArb: fc.Arbitrary<OrderEvent> = fc.oneof(
    fc.constant<OrderEvent>(approved),
    fc.constant<OrderEvent>({ type: 'RISK_REJECTED', rule: 'LOT_SIZE', message: 'odd lot' }),
    fc.constant<OrderEvent>({ type: 'ROUTE_REFUSED', rule: 'CONNECTOR_UNAVAILABLE', message: '' }),
    fc
      .integer({ min: -1, max: 9 })
      .map((id): OrderEvent => ({ type: 'BROKER_ACK', brokerOrderId: id })),
    fc
      .tuple(
        fc.constantFrom(48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 255, 86),
        fc.integer({ min: -5, max: 110 }),
        fc.constantFrom('', 'S1', 'S2'),
      )
      .map(([code, filled, sysId]) => status(code, filled, { sysId })),
    fc
      .tuple(
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: -1, max: 60 }),
        fc.integer({ min: 1, max: 200000 }),
      )
      .map(([i, quantity, price]) => trade(`T${i}`, quantity, asPrice(price))),
    fc.constant<OrderEvent>({ type: 'BROKER_ORDER_ERROR', errorId: -61, message: 'rejected' }),
  );

  it('along any event sequence: fills never decrease, terminal states stay, the table decides', () => {
    fc.assert(
      fc.property(fc.array(anyEventArb, { maxLength: 40 }), (events) => {
        let view = newOrderView(Q);
        for (const event of events) {
          const result = applyOrderEvent(view, event);
          if (result.kind !== 'applied') {
            continue;
          }
          const next = result.order;
          expect(next.filledQuantity).toBeGreaterThanOrEqual(view.filledQuantity);
          expect(next.filledQuantity).toBeLessThanOrEqual(Q);
          expect(next.filledQuantity).toBe(Math.max(next.tradedFromTrades, next.reportedFilled));
          expect(next.avgFillPrice === null).toBe(next.filledQuantity === 0);
          const move = { from: view.state, to: next.state };
          expect({
            ...move,
            reopened: isTerminalState(view.state) && move.to !== move.from,
          }).toEqual({ ...move, reopened: false });
          expect({
            ...move,
            allowed: move.to === move.from || canTransition(move.from, move.to),
          }).toEqual({ ...move, allowed: true });
          // Applying the same event again changes nothing.
          expect(applyOrderEvent(next, event)).toEqual(DUPLICATE);
          view = next;
        }
      }),
      { numRuns: 1000 },
    );
  });
});
