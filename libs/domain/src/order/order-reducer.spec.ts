import fc from 'fast-check';
import { asPrice } from '../money/index.js';
import { XtOrderStatus } from '../xt/index.js';
import { applyOrderEvent, newOrderView, type OrderEvent, type OrderView } from './order-reducer.js';
import { ORDER_TRANSITIONS, canTransition } from './order-transitions.js';
import { isTerminalState, type OrderState } from './order-state.js';

const P = asPrice(116000);

function status(code: number, filled = 0, sysId = 'S1'): OrderEvent {
  return {
    type: 'BROKER_STATUS',
    xtStatus: code,
    filledQuantity: filled,
    avgFillPrice: filled > 0 ? P : asPrice(0),
    brokerOrderId: 7,
    brokerSysId: sysId,
    message: '',
  };
}
const trade = (id: string, quantity: number, price = P): OrderEvent => ({
  type: 'BROKER_TRADE',
  tradeId: id,
  quantity,
  price,
});

/** Applies events in order, keeping only applied results (ignored ones change nothing). */
function run(events: readonly OrderEvent[], quantity = 100): OrderView {
  let view = newOrderView(quantity);
  for (const event of events) {
    const result = applyOrderEvent(view, event);
    if (result.kind === 'applied') {
      view = result.order;
    }
  }
  return view;
}

function viewIn(state: OrderState, quantity = 100): OrderView {
  return { ...newOrderView(quantity), state };
}

describe('the order transition table', () => {
  it.each(ORDER_TRANSITIONS.map(([from, to]) => [from, to]))('allows %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(true);
  });

  it.each<[OrderState, OrderState]>([
    ['ORDER_SUCCEEDED', 'ORDER_REPORTED'],
    ['ORDER_CANCELED', 'ORDER_PART_SUCC'],
    ['ORDER_JUNK', 'ORDER_REPORTED'],
    ['REJECTED', 'ROUTED'],
    ['ORDER_PART_CANCEL', 'ORDER_SUCCEEDED'],
    ['ORDER_PART_SUCC', 'ORDER_REPORTED'],
    ['ORDER_REPORTED', 'ORDER_UNREPORTED'],
    ['ORDER_REPORTED', 'REJECTED'],
  ])('forbids %s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(false);
  });

  it('never leaves a terminal state', () => {
    for (const [from] of ORDER_TRANSITIONS) {
      expect(isTerminalState(from)).toBe(false);
    }
  });
});

describe('applyOrderEvent', () => {
  it('walks the happy path PENDING_RISK → ROUTED → 48 → 50 → trade → 56', () => {
    const view = run([
      { type: 'RISK_APPROVED' },
      status(XtOrderStatus.ORDER_UNREPORTED, 0, ''),
      status(XtOrderStatus.ORDER_REPORTED),
      trade('T1', 100),
      status(XtOrderStatus.ORDER_SUCCEEDED, 100),
    ]);
    expect(view.state).toBe('ORDER_SUCCEEDED');
    expect(view.filledQuantity).toBe(100);
    expect(view.avgFillPrice).toBe(P);
    expect(view.brokerSysId).toBe('S1');
    expect(view.xtStatus).toBe(56);
  });

  it('rejects from PENDING_RISK with the rule, and the rejection is terminal', () => {
    const rejected = applyOrderEvent(newOrderView(100), {
      type: 'RISK_REJECTED',
      rule: 'LOT_SIZE',
      message: 'odd lot',
    });
    expect(rejected).toMatchObject({
      kind: 'applied',
      order: { state: 'REJECTED', rejection: { rule: 'LOT_SIZE' } },
    });
    if (rejected.kind !== 'applied') {
      return;
    }
    expect(applyOrderEvent(rejected.order, status(50))).toEqual({
      kind: 'ignored',
      reason: 'TERMINAL',
    });
    expect(applyOrderEvent(rejected.order, { type: 'RISK_APPROVED' })).toEqual({
      kind: 'ignored',
      reason: 'TERMINAL',
    });
  });

  it('counts a trade that arrives before its status', () => {
    const view = run([{ type: 'RISK_APPROVED' }, trade('T1', 40)]);
    expect(view.state).toBe('ORDER_PART_SUCC');
    expect(view.filledQuantity).toBe(40);
    const late = applyOrderEvent(view, status(XtOrderStatus.ORDER_REPORTED));
    expect(late).toEqual({ kind: 'ignored', reason: 'STALE_STATUS' });
  });

  it('derives ORDER_SUCCEEDED from fills and then completes the record from the late 56', () => {
    const view = run([{ type: 'RISK_APPROVED' }, trade('T1', 100)]);
    expect(view.state).toBe('ORDER_SUCCEEDED');
    const report = applyOrderEvent(view, status(XtOrderStatus.ORDER_SUCCEEDED, 100));
    expect(report).toMatchObject({
      kind: 'applied',
      order: { state: 'ORDER_SUCCEEDED', xtStatus: 56 },
    });
  });

  it('ignores a duplicated status and a duplicated trade', () => {
    const view = run([{ type: 'RISK_APPROVED' }, status(50), trade('T1', 30)]);
    expect(applyOrderEvent(view, trade('T1', 30))).toEqual({
      kind: 'ignored',
      reason: 'DUPLICATE',
    });
    const reported = run([{ type: 'RISK_APPROVED' }, status(50)]);
    expect(applyOrderEvent(reported, status(50))).toEqual({ kind: 'ignored', reason: 'DUPLICATE' });
  });

  it('ignores a stale 55 after a newer 55, and a 50 after 56', () => {
    const view = run([{ type: 'RISK_APPROVED' }, status(55, 60)]);
    expect(applyOrderEvent(view, status(55, 30))).toEqual({
      kind: 'ignored',
      reason: 'STALE_STATUS',
    });
    const done = run([{ type: 'RISK_APPROVED' }, status(56, 100)]);
    expect(applyOrderEvent(done, status(50))).toEqual({ kind: 'ignored', reason: 'TERMINAL' });
  });

  it('keeps the fills of a 53 that arrives before its last trade', () => {
    const view = run([
      { type: 'RISK_APPROVED' },
      status(50),
      trade('T1', 20),
      status(52, 20),
      status(53, 50),
    ]);
    expect(view.state).toBe('ORDER_PART_CANCEL');
    expect(view.filledQuantity).toBe(50);
    const late = applyOrderEvent(view, trade('T2', 30));
    expect(late).toMatchObject({
      kind: 'applied',
      order: { state: 'ORDER_PART_CANCEL', filledQuantity: 50, tradedFromTrades: 50 },
    });
  });

  it('lets a cancel-pending order still fill (51 → 52 → 56)', () => {
    const view = run([{ type: 'RISK_APPROVED' }, status(50), status(51), trade('T1', 50)]);
    expect(view.state).toBe('ORDER_PARTSUCC_CANCEL');
    expect(run([{ type: 'RISK_APPROVED' }, status(50), status(51), trade('T1', 100)]).state).toBe(
      'ORDER_SUCCEEDED',
    );
  });

  it('accepts a broker status before the risk verdict is recorded', () => {
    const view = run([status(50)]);
    expect(view.state).toBe('ORDER_REPORTED');
    expect(applyOrderEvent(view, { type: 'RISK_APPROVED' })).toEqual({
      kind: 'ignored',
      reason: 'STALE_STATUS',
    });
  });

  it('maps an unlisted status code to ORDER_UNKNOWN and lets reconciliation move on', () => {
    const view = run([{ type: 'RISK_APPROVED' }, status(50), status(86)]);
    expect(view.state).toBe('ORDER_UNKNOWN');
    expect(view.xtStatus).toBe(86);
    expect(run([{ type: 'RISK_APPROVED' }, status(50), status(86), status(54)]).state).toBe(
      'ORDER_CANCELED',
    );
  });

  it('reports overfills and impossible moves as illegal', () => {
    const view = run([{ type: 'RISK_APPROVED' }, status(50)]);
    expect(applyOrderEvent(view, status(55, 101)).kind).toBe('illegal');
    expect(applyOrderEvent(view, trade('T9', 101)).kind).toBe('illegal');
    expect(
      applyOrderEvent(viewIn('ORDER_REPORTED'), { type: 'RISK_REJECTED', rule: 'X', message: '' })
        .kind,
    ).toBe('illegal');
  });

  it('turns a broker order error into ORDER_JUNK with the reason', () => {
    const view = run([
      { type: 'RISK_APPROVED' },
      { type: 'BROKER_ORDER_ERROR', errorId: -61, message: '[COUNTER][260200][可用资金不足]' },
    ]);
    expect(view.state).toBe('ORDER_JUNK');
    expect(view.statusMessage).toContain('260200');
  });
});

describe('order state machine properties', () => {
  const fillsArb = fc
    .array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 8 })
    .map((parts) => parts.map((quantity, i) => ({ id: `T${i}`, quantity })));

  it('any order of fills, duplicates and the final 56 ends filled', () => {
    fc.assert(
      fc.property(fillsArb, fc.integer({ min: 0, max: 1000 }), (fills, seed) => {
        const quantity = fills.reduce((sum, f) => sum + f.quantity, 0);
        const events: OrderEvent[] = [
          ...fills.map((f) => trade(f.id, f.quantity)),
          ...fills.slice(0, 2).map((f) => trade(f.id, f.quantity)),
          status(XtOrderStatus.ORDER_SUCCEEDED, quantity),
          status(XtOrderStatus.ORDER_REPORTED),
        ];
        const shuffled = [...events].sort(
          (a, b) =>
            ((JSON.stringify(a).length * 31 + seed) % 17) -
            ((JSON.stringify(b).length * 31 + seed) % 17),
        );
        const view = run([{ type: 'RISK_APPROVED' }, ...shuffled], quantity);
        expect(view.state).toBe('ORDER_SUCCEEDED');
        expect(view.filledQuantity).toBe(quantity);
        expect(view.tradedFromTrades).toBe(quantity);
      }),
    );
  });

  const eventArb: fc.Arbitrary<OrderEvent> = fc.oneof(
    fc.constant<OrderEvent>({ type: 'RISK_APPROVED' }),
    fc.constant<OrderEvent>({ type: 'RISK_REJECTED', rule: 'LOT_SIZE', message: '' }),
    fc
      .tuple(
        fc.constantFrom(48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 255, 86),
        fc.integer({ min: 0, max: 120 }),
      )
      .map(([code, filled]) => status(code, filled)),
    fc
      .tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 60 }))
      .map(([i, q]) => trade(`T${i}`, q)),
  );

  it('filled quantity never decreases and terminal states never change', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 30 }), (events) => {
        let view = newOrderView(100);
        for (const event of events) {
          const result = applyOrderEvent(view, event);
          if (result.kind !== 'applied') {
            continue;
          }
          expect(result.order.filledQuantity).toBeGreaterThanOrEqual(view.filledQuantity);
          expect(result.order.filledQuantity).toBeLessThanOrEqual(100);
          expect(!isTerminalState(view.state) || result.order.state === view.state).toBe(true);
          view = result.order;
        }
      }),
    );
  });
});
