// One scenario suite through both adapters (issue 3, item 5): the same orders through the sim
// and through the real Python bridge with the fake xtquant must give the same normalised events,
// compared with what differs by nature masked out (broker ids, times, request seqs).
import type { GatewayEvent } from '@qmt/contracts';
import { makeOrderId, XtOrderType, XtPriceType } from '@qmt/domain';
import { eventually } from '@qmt/testkit';
import {
  RESTING_CODE,
  bridgeTarget,
  simTarget,
  type ScenarioAccount,
  type Target,
} from './targets.js';

const LIMIT = XtPriceType.FIX_PRICE;
let serial = 0;
const orderId = (): string =>
  makeOrderId(Date.UTC(2026, 10, 24) + serial++, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

/** An event without what two brokers never share: ids, times, seqs, raw extras. */
function projection(event: GatewayEvent): unknown {
  const { payload } = event;
  const masked: Record<string, unknown> = { ...payload };
  for (const key of [
    'brokerOrderId',
    'brokerSysId',
    'tradeId',
    'orderTime',
    'tradedAt',
    'requestSeq',
    'extra',
  ]) {
    delete masked[key];
  }
  if (event.type === 'CONNECTOR_STATUS') {
    return { type: event.type, accountId: event.accountId, state: event.payload.state };
  }
  return {
    type: event.type,
    accountId: event.accountId,
    ...(event.orderId === undefined ? {} : { orderId: event.orderId }),
    ...(event.strategyId === undefined ? {} : { strategyId: event.strategyId }),
    payload: masked,
  };
}

/** Runs one step and returns the events it caused, once the stream has been quiet for a while. */
async function eventsOf(
  target: Target,
  step: () => Promise<unknown>,
  quietMs = 300,
): Promise<unknown[]> {
  const from = target.publisher.events.length;
  await step();
  let seen = -1;
  let quietSince = Date.now();
  await eventually(
    () => {
      const now = target.publisher.events.length;
      if (now !== seen) {
        seen = now;
        quietSince = Date.now();
        return undefined;
      }
      return Date.now() - quietSince >= quietMs && now > from ? true : undefined;
    },
    { timeoutMs: 15_000, intervalMs: 20, what: `events of ${target.name}` },
  );
  return target.publisher.events.slice(from).map(projection);
}

async function place(
  target: Target,
  account: ScenarioAccount,
  id: string,
  args: { code: string; type: number; volume: number; price: number; priceType?: number },
): Promise<number> {
  return target.session.orderStockAsync(
    target.ref(account),
    args.code,
    args.type,
    args.volume,
    args.priceType ?? LIMIT,
    args.price,
    'alpha',
    id,
  );
}

async function brokerOrderOf(
  target: Target,
  account: ScenarioAccount,
  id: string,
): Promise<number> {
  const order = (await target.session.queryStockOrders(target.ref(account))).find(
    (o) => o.order_remark === id,
  );
  if (order === undefined) {
    throw new Error(`${target.name} has no order ${id}`);
  }
  return order.order_id;
}

type Scenario = (target: Target, ids: readonly string[]) => Promise<unknown[]>;

const SCENARIOS: readonly (readonly [
  string,
  ScenarioAccount,
  Scenario,
  (events: unknown[]) => { readonly actual: unknown; readonly expected: unknown },
])[] = [
  [
    'a marketable limit buy: ack, 48, 50, trade, 56, position, asset',
    'C1',
    (t, [id = '']) =>
      eventsOf(t, () =>
        place(t, 'C1', id, {
          code: '600000.SH',
          type: XtOrderType.STOCK_BUY,
          volume: 100,
          price: 10.01,
        }),
      ),
    (events) => ({
      actual: events.map((e) => (e as { type: string }).type),
      expected: [
        'ORDER_ACK',
        'ORDER_STATUS',
        'ORDER_STATUS',
        'TRADE',
        'ORDER_STATUS',
        'POSITION',
        'ASSET',
      ],
    }),
  ],
  [
    'a buy the cash does not cover: 57 with the counter reason, then the order error',
    'C2',
    (t, [id = '']) =>
      eventsOf(t, () =>
        place(t, 'C2', id, {
          code: '600000.SH',
          type: XtOrderType.STOCK_BUY,
          volume: 100_000,
          price: 10.01,
        }),
      ),
    (events) => ({
      actual: events,
      expected: [
        { type: 'ORDER_ACK' },
        {
          type: 'ORDER_STATUS',
          payload: { xtStatus: 57, message: '[COUNTER][260200][可用资金不足]' },
        },
        {
          type: 'ORDER_ERROR',
          payload: {
            errorId: -61,
            message: '限价买入 [SH600000] [COUNTER] [260200][可用资金不足]',
          },
        },
      ],
    }),
  ],
  [
    'a sell of shares the account does not hold: 57, 260300',
    'C3',
    (t, [id = '']) =>
      eventsOf(t, () =>
        place(t, 'C3', id, {
          code: RESTING_CODE,
          type: XtOrderType.STOCK_SELL,
          volume: 100,
          price: 11.99,
        }),
      ),
    (events) => ({
      actual: events,
      expected: [{}, { payload: { xtStatus: 57, message: '[COUNTER][260300][可用股份不足]' } }, {}],
    }),
  ],
  [
    'a resting buy cancelled: 48, 50, then 51, 54 and the freed cash',
    'C4',
    async (t, [id = '']) => [
      ...(await eventsOf(t, () =>
        place(t, 'C4', id, {
          code: RESTING_CODE,
          type: XtOrderType.STOCK_BUY,
          volume: 200,
          price: 11.9,
        }),
      )),
      ...(await eventsOf(t, async () =>
        t.session.cancelOrderStockAsync(t.ref('C4'), await brokerOrderOf(t, 'C4', id)),
      )),
    ],
    (events) => ({
      actual: events.flatMap((e) =>
        (e as { type: string }).type === 'ORDER_STATUS'
          ? [(e as { payload: { xtStatus: number } }).payload.xtStatus]
          : [],
      ),
      expected: [48, 50, 51, 54],
    }),
  ],
  [
    'a cancel of a filled order: on_cancel_error only',
    'C5',
    async (t, [id = '']) => {
      await eventsOf(t, () =>
        place(t, 'C5', id, {
          code: '600000.SH',
          type: XtOrderType.STOCK_BUY,
          volume: 100,
          price: 10.01,
        }),
      );
      return eventsOf(t, async () =>
        t.session.cancelOrderStockAsync(t.ref('C5'), await brokerOrderOf(t, 'C5', id)),
      );
    },
    (events) => ({
      actual: events,
      expected: [
        { type: 'CANCEL_ERROR', payload: { errorId: -1, message: '委托已完成，不能撤单' } },
      ],
    }),
  ],
  [
    'the terminal drops the session: DOWN, then a reconcile of every account, then UP',
    'C6',
    async (t, [resting = '', filled = '']) => {
      await eventsOf(t, async () => {
        await place(t, 'C6', resting, {
          code: RESTING_CODE,
          type: XtOrderType.STOCK_BUY,
          volume: 100,
          price: 11.9,
        });
        await place(t, 'C6', filled, {
          code: '600000.SH',
          type: XtOrderType.STOCK_BUY,
          volume: 300,
          price: 10.01,
        });
      });
      const events = await eventsOf(t, async () => {
        t.dropSession();
        await eventually(
          () => (t.service.connectionCount() === 2 && t.service.isReady() ? true : undefined),
          {
            timeoutMs: 10_000,
          },
        );
      });
      // The other accounts' snapshots are the other scenarios' business.
      return events.filter((e) => (e as { accountId: string }).accountId === 'GW-C6');
    },
    (events) => ({
      actual: events.map((e) => (e as { type: string }).type),
      expected: [
        'CONNECTOR_STATUS',
        'TRADE',
        'ORDER_STATUS',
        'ORDER_STATUS',
        'POSITION',
        'ASSET',
        'CONNECTOR_STATUS',
      ],
    }),
  ],
];

describe('conformance: the sim and the bridge give the same normalised events', () => {
  let sim: Target;
  let bridge: Target;

  beforeAll(async () => {
    [sim, bridge] = await Promise.all([simTarget(), bridgeTarget()]);
    await eventually(() => (sim.service.isReady() && bridge.service.isReady() ? true : undefined));
  }, 30_000);

  afterAll(async () => {
    await Promise.all([sim?.close(), bridge?.close()]);
  });

  it('connects, subscribes and reconciles every account before UP, through both', async () => {
    const connected = (t: Target) => t.publisher.events.map(projection);
    await sim.service.drained();
    await bridge.service.drained();
    expect(connected(bridge)).toEqual(connected(sim));
    expect(connected(sim).at(-1)).toMatchObject({ type: 'CONNECTOR_STATUS', state: 'UP' });
  });

  it.each(SCENARIOS)(
    '%s',
    async (_title, _account, scenario, check) => {
      const ids = [orderId(), orderId()];
      const viaSim = await scenario(sim, ids);
      const viaBridge = await scenario(bridge, ids);
      check(viaSim);
      expect(viaBridge).toEqual(viaSim);
    },
    40_000,
  );
});
