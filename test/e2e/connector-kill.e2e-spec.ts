// kill -9 of the connector while route jobs are in flight (issue 3, "Done when"): oms, risk and
// a sim connector as processes (the built apps, as services-alone runs them). The sim's place
// calls hang with their orders already live, so the kill lands inside route jobs; after the
// restart (same DATA_DIR: the sim broker's books survive) no order exists twice at the broker
// and every order's final status at the gateway is the broker's.
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { SimJournal } from '@qmt/connector-miniqmt';
import { routeQueueName } from '@qmt/contracts';
import { xtOrderStatusName } from '@qmt/domain';
import {
  SHIPPED_DESK,
  TEST_REDIS_URL,
  apiClient,
  eventually,
  marketableBuy,
  startServices,
  type RunningServices,
} from '@qmt/testkit';

const ORDERS = 12;

interface SimOrderRecord {
  readonly remark: string;
  readonly status: number;
  readonly traded: number;
}

describe('kill -9 of the connector with route jobs in flight', () => {
  let services: RunningServices;

  /** The sim broker's orders, from its books on disk (the connector is stopped). */
  function brokerOrders(): SimOrderRecord[] {
    const books = join(services.dataDir('connector'), 'sim', services.connectorId);
    const state = new SimJournal(books).load();
    return [...state].flatMap(([key, value]) =>
      key.startsWith('order:') && value !== null
        ? [value as { remark: string; status: number; traded: number }]
        : [],
    );
  }

  beforeAll(async () => {
    // The suites' desk: the same marketable buy sent twelve times is not a duplicate here.
    services = await startServices({ desk: SHIPPED_DESK });
  }, 60_000);

  afterAll(async () => {
    await services?.stop();
  });

  it('restarts, places nothing twice and settles every order as the broker has it', async () => {
    const { account, suffix, connectorId } = services;
    const risk = apiClient(services.urls.connector, 'dev-risk');
    // Every place now hangs for a minute with its order live: the route jobs stay in flight.
    expect((await risk.post('/v1/sim/faults', { placeHangMs: 60_000 })).status).toBe(200);
    const alpha = apiClient(services.urls.oms, 'dev-alpha');
    const ids: string[] = [];
    for (let i = 0; i < ORDERS; i += 1) {
      const submitted = await alpha.post(
        '/v1/orders',
        marketableBuy(account, `kill-${suffix}-${i}`),
      );
      expect(submitted.status).toBe(201);
      ids.push(String(submitted.body.orderId));
    }
    // Some orders are live at the broker (their fills heard) while their jobs still hang.
    await eventually(async () => {
      const filled = await Promise.all(
        ids.map(async (id) => (await alpha.get(`/v1/orders/${id}`)).body.status),
      );
      return filled.filter((s) => s === 'ORDER_SUCCEEDED').length >= 4 ? true : undefined;
    });
    await services.kill('connector', 'SIGKILL');
    await services.restart('connector');
    const finals = await eventually(
      async () => {
        const details = await Promise.all(
          ids.map(async (id) => (await alpha.get(`/v1/orders/${id}`)).body),
        );
        return details.every((d) => d.status === 'ORDER_SUCCEEDED' || d.status === 'REJECTED')
          ? details
          : undefined;
      },
      { timeoutMs: 90_000, what: 'every order final at the gateway' },
    );
    // The jobs the kill interrupted come back once BullMQ finds them stalled (lock 10 s, check
    // 5 s): wait them out.
    const queue = new Queue(routeQueueName(connectorId), { connection: { url: TEST_REDIS_URL } });
    try {
      let counts: Record<string, number> = {};
      await eventually(
        async () => {
          counts = await queue.getJobCounts('active', 'waiting', 'delayed');
          return Object.values(counts).every((n) => n === 0) ? true : undefined;
        },
        {
          timeoutMs: 90_000,
          intervalMs: 500,
          what: () => `the route queue to drain (${JSON.stringify(counts)})`,
        },
      );
    } finally {
      await queue.close();
    }
    await services.kill('connector', 'SIGTERM');

    const orders = brokerOrders();
    const remarks = orders.map((o) => o.remark);
    expect(new Set(remarks).size).toBe(remarks.length);
    const byRemark = new Map(orders.map((o) => [o.remark, o]));
    const gateway = finals.map((d) => [d.orderId, d.status, d.filledQuantity]);
    const expected = finals.map((d) => {
      const broker = byRemark.get(String(d.orderId));
      // Never reached the broker: the gateway must say so.
      return broker === undefined
        ? [d.orderId, 'REJECTED', 0]
        : [d.orderId, xtOrderStatusName(broker.status), broker.traded];
    });
    expect(gateway).toEqual(expected);
    expect(orders.length).toBeGreaterThanOrEqual(4);
  }, 240_000);
});
