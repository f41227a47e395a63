// Ingestion from real Redis Streams into real Postgres: a crash between commit and XACK, two
// OMS instances sharing the group, and poison entries that must not block the stream.
import {
  CONSUMER_GROUP,
  deadLetterStreamKey,
  eventStreamKey,
  loadDeskConfig,
} from '@qmt/contracts';
import { aFilledLifecycle, aTrade, anOrderStatus, type EventOrder } from '@qmt/contracts/fixtures';
import {
  RedisDeadLetterSink,
  RedisStreamsConsumer,
  RedisStreamsPublisher,
  type DeliveredEvent,
} from '@qmt/messaging';
import { GatewayMetrics, createLogger } from '@qmt/observability';
import { AuditLog, OrderStore, createDataSource } from '@qmt/persistence';
import {
  aCreatedEvent,
  aNewOrder,
  createTestDatabase,
  type TestDatabase,
} from '@qmt/persistence/testing';
import { AuditTrail, DeskDirectory } from '@qmt/runtime';
import { eventually } from '@qmt/testkit';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { ConnectorStatusBoard } from './connector-status.board.js';
import { OrderEventsConsumer } from './order-events.consumer.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
// Each test starts its consumers itself, on accounts of its own; the desk is only a dependency.
const desk = new DeskDirectory(
  loadDeskConfig(resolve(import.meta.dirname, '../../../../config/desk.yaml')),
);
const TIMINGS = { claimEveryMs: 100, claimIdleMs: 300, backoffMs: 50, stopTimeoutMs: 100 };

type Rows = Record<string, unknown>[];

/** One OMS instance: its own pool, consumer and metrics, as a separate process would have. */
interface OmsInstance {
  readonly oms: OrderEventsConsumer;
  readonly stream: RedisStreamsConsumer;
  readonly metrics: GatewayMetrics;
  readonly dataSource: DataSource;
  ingested: number;
}

describe('ingestion from Redis Streams into Postgres', () => {
  let db: TestDatabase;
  let redis: Redis;
  let admin: DataSource;
  const instances: OmsInstance[] = [];
  const keys: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    redis = new Redis(REDIS_URL);
    admin = createDataSource({ url: db.url, poolSize: 2 });
    await admin.initialize();
  });

  afterEach(async () => {
    for (const instance of instances.splice(0)) {
      await instance.stream.stop();
      await instance.dataSource.destroy();
    }
  });

  afterAll(async () => {
    if (keys.length > 0) {
      await redis.del(...keys);
    }
    redis.disconnect();
    await admin?.destroy();
    await db?.drop();
  });

  function anAccount(): string {
    const accountId = `ING-${randomUUID().slice(0, 8)}`;
    keys.push(eventStreamKey(accountId), deadLetterStreamKey(accountId));
    return accountId;
  }

  async function anOmsInstance(): Promise<OmsInstance> {
    const dataSource = createDataSource({ url: db.url, poolSize: 3 });
    await dataSource.initialize();
    const metrics = new GatewayMetrics({ defaultMetrics: false });
    const stream = new RedisStreamsConsumer(redis, TIMINGS);
    const oms = new OrderEventsConsumer(
      stream,
      new RedisDeadLetterSink(redis),
      new OrderStore(dataSource),
      desk,
      new ConnectorStatusBoard(),
      metrics,
      new AuditTrail(new AuditLog(dataSource), () => new Date()),
      createLogger('silent'),
    );
    const instance = { oms, stream, metrics, dataSource, ingested: 0 };
    instances.push(instance);
    return instance;
  }

  function consume(
    instance: OmsInstance,
    accountIds: string[],
    name: string,
    handler?: (batch: readonly DeliveredEvent[]) => Promise<void>,
    batchSize = 10,
  ): Promise<void> {
    return instance.stream.consume({
      group: CONSUMER_GROUP.OMS,
      consumer: name,
      accountIds,
      batchSize,
      blockMs: 50,
      handler:
        handler ??
        (async (batch) => {
          await instance.oms.ingest(batch);
          instance.ingested += batch.length;
        }),
    });
  }

  async function placeOrders(accountId: string, count: number): Promise<EventOrder[]> {
    const store = new OrderStore(admin);
    const orders: EventOrder[] = [];
    for (let i = 0; i < count; i += 1) {
      const orderId = `Q${accountId.slice(4)}${String(i).padStart(10, '0')}`;
      const pending = aNewOrder({
        orderId,
        accountId,
        clientOrderId: `c-${orderId}`,
        quantity: 300,
        price: 116000,
      });
      await store.insertPending(pending, aCreatedEvent(pending));
      orders.push({
        orderId,
        accountId,
        strategyId: 'alpha',
        symbol: '000001.SZ',
        quantity: 300,
        price: 116000,
        brokerOrderId: i + 1,
      });
    }
    return orders;
  }

  const pending = async (accountId: string): Promise<number> => {
    const summary = (await redis.xpending(eventStreamKey(accountId), CONSUMER_GROUP.OMS)) as [
      number,
      ...unknown[],
    ];
    return summary[0];
  };

  async function snapshot(accountId: string) {
    const [orders, events, trades, dead] = await Promise.all([
      admin.query<Rows>(
        `SELECT order_id, status, filled_quantity, avg_fill_price, trade_ids
           FROM orders WHERE account_id = $1 ORDER BY order_id`,
        [accountId],
      ),
      admin.query<Rows>(
        `SELECT event_id, outcome, state_after FROM order_events
          WHERE account_id = $1 ORDER BY event_id`,
        [accountId],
      ),
      admin.query<Rows>(
        'SELECT trade_id, quantity, amount FROM trades WHERE account_id = $1 ORDER BY trade_id',
        [accountId],
      ),
      admin.query<Rows>(
        'SELECT kind, event_id, reason FROM event_dead_letters WHERE account_id = $1 ORDER BY seq',
        [accountId],
      ),
    ]);
    return { orders, events, trades, dead };
  }

  it('a crash between commit and XACK redelivers the batch to another instance, which changes nothing', async () => {
    const accountId = anAccount();
    const [order] = await placeOrders(accountId, 1);
    const publisher = new RedisStreamsPublisher(redis);
    for (const event of aFilledLifecycle(order!, 3)) {
      await publisher.publish(event);
    }
    const first = await anOmsInstance();
    let committed: Awaited<ReturnType<typeof snapshot>> | undefined;
    // Commits, then never returns: the process died before its XACK.
    await consume(
      first,
      [accountId],
      'oms-crashed',
      async (batch) => {
        await first.oms.ingest(batch);
        committed = await snapshot(accountId);
        await new Promise(() => undefined);
      },
      100,
    );
    const afterCommit = await eventually(() => committed, { what: 'the first commit' });
    expect(afterCommit.orders).toMatchObject([
      { status: 'ORDER_SUCCEEDED', filled_quantity: '300' },
    ]);
    expect(await pending(accountId)).toBe(8);
    await first.stream.stop();

    const second = await anOmsInstance();
    await consume(second, [accountId], 'oms-survivor');
    await eventually(async () => ((await pending(accountId)) === 0 ? true : undefined), {
      what: 'the survivor to claim and acknowledge the batch',
    });
    expect(second.ingested).toBe(8);
    expect(await snapshot(accountId)).toEqual(afterCommit);
    const outcomes = afterCommit.events.map((e) => e.outcome);
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(9);
  });

  it('two OMS instances on one group share the streams and apply every event exactly once', async () => {
    const accounts = [anAccount(), anAccount()];
    const orders = [
      ...(await placeOrders(accounts[0]!, 20)),
      ...(await placeOrders(accounts[1]!, 20)),
    ];
    const a = await anOmsInstance();
    const b = await anOmsInstance();
    await consume(a, accounts, 'oms-a');
    await consume(b, accounts, 'oms-b');
    // Each order: 48, 50, three trades each with its 55/56: 8 events; 320 in all, interleaved.
    const lifecycles = orders.map((o) => aFilledLifecycle(o, 3));
    const publisher = new RedisStreamsPublisher(redis);
    for (let step = 0; step < 8; step += 1) {
      for (const lifecycle of lifecycles) {
        await publisher.publish(lifecycle[step]!);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await eventually(
      async () =>
        a.ingested + b.ingested >= 320 &&
        (await pending(accounts[0]!)) === 0 &&
        (await pending(accounts[1]!)) === 0
          ? true
          : undefined,
      { what: 'both instances to drain the streams', timeoutMs: 20_000 },
    );
    expect(a.ingested + b.ingested).toBe(320);
    expect(a.ingested).toBeGreaterThan(0);
    expect(b.ingested).toBeGreaterThan(0);
    for (const accountId of accounts) {
      const state = await snapshot(accountId);
      expect(state.orders).toHaveLength(20);
      for (const row of state.orders) {
        expect(row).toMatchObject({ status: 'ORDER_SUCCEEDED', filled_quantity: '300' });
        expect(row.trade_ids).toHaveLength(3);
      }
      expect(state.trades).toHaveLength(60);
      // 8 broker events and the CREATED row per order, each stored once.
      expect(state.events).toHaveLength(180);
      expect(state.dead).toEqual([]);
    }
    const flows = await admin.query<Rows>(
      'SELECT account_id, bought FROM book_flows WHERE account_id = ANY($1) ORDER BY account_id',
      [accounts],
    );
    expect(flows.map((f) => f.bought)).toEqual(['6000', '6000']);
  });

  it('dead-letters a poison event and a malformed entry without blocking what follows', async () => {
    const accountId = anAccount();
    const [order] = await placeOrders(accountId, 1);
    const instance = await anOmsInstance();
    await consume(instance, [accountId], 'oms-poison');
    const publisher = new RedisStreamsPublisher(redis);
    await publisher.publish(anOrderStatus(order!, 50, 0));
    // More traded than ordered: the state machine refuses it.
    const poison = anOrderStatus({ ...order!, quantity: 300 }, 55, 500);
    await publisher.publish(poison);
    await redis.xadd(eventStreamKey(accountId), '*', 'event', '{"type":"NOPE","eventId":"x"}');
    await publisher.publish(aTrade(order!, 'T-ok', 300));
    await publisher.publish(anOrderStatus(order!, 56, 300));
    await eventually(
      async () => (instance.ingested === 5 && (await pending(accountId)) === 0 ? true : undefined),
      { what: 'the stream to drain past the poison' },
    );
    const state = await snapshot(accountId);
    expect(state.orders).toMatchObject([{ status: 'ORDER_SUCCEEDED', filled_quantity: '300' }]);
    expect(state.dead.map((d) => [d.kind, d.event_id])).toEqual([
      ['ILLEGAL_TRANSITION', poison.eventId],
      ['MALFORMED', null],
    ]);
    // The poison event is still in the log, marked for what it was.
    expect(state.events.find((e) => e.event_id === poison.eventId)?.outcome).toMatch(/^illegal:/);
    const metric = await instance.metrics.registry.getSingleMetricAsString(
      'qmt_oms_dead_letters_total',
    );
    expect(metric).toContain(`{account="${accountId}",kind="ILLEGAL_TRANSITION"} 1`);
    expect(metric).toContain(`{account="${accountId}",kind="MALFORMED"} 1`);
    const live = await redis.xrange(deadLetterStreamKey(accountId), '-', '+');
    expect(live).toHaveLength(2);
  });
});
