// MessagingModule.forRoot wires one pair of adapters behind the four ports and closes them with
// the application.
import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { eventStreamKey, type GatewayEvent, type PlaceOrderJob } from '@qmt/contracts';
import { dropQueueNamespace, eventually } from '@qmt/testkit';
import { Redis } from 'ioredis';
import { BullMqRouteQueue } from './bullmq/bullmq.route-queue.js';
import { InProcessBusHealth, RedisBusHealth } from './bus-health.js';
import { InProcessConsumer, InProcessPublisher } from './in-process/in-process.bus.js';
import { MessagingModule, type MessagingOptions } from './messaging.module.js';
import { BusHealth } from './ports/bus-health.port.js';
import { EventConsumer, type DeliveredEvent } from './ports/event-consumer.port.js';
import { EventPublisher } from './ports/event-publisher.port.js';
import { RouteQueue } from './ports/route-queue.port.js';
import { RedisStreamsConsumer } from './redis-streams/redis-streams.consumer.js';
import { RedisStreamsPublisher } from './redis-streams/redis-streams.publisher.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const namespace = `t_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

function job(orderId: string): PlaceOrderJob {
  return {
    kind: 'PLACE',
    orderId,
    accountId: 'SIM-STOCK',
    strategyId: 'alpha',
    symbol: '600000.SH',
    orderType: 23,
    priceType: 11,
    price: 100000,
    quantity: 100,
    remark: orderId,
    enqueuedAt: new Date(0).toISOString(),
    expiresAt: new Date(30_000).toISOString(),
  };
}

async function startWith(options: MessagingOptions) {
  @Module({ imports: [MessagingModule.forRoot(options)] })
  class AppModule {}
  return NestFactory.createApplicationContext(AppModule, { logger: false });
}

describe.each<[string, MessagingOptions, Record<string, unknown>]>([
  [
    'redis',
    { driver: 'redis', redisUrl: REDIS_URL, queuePrefix: namespace },
    {
      publisher: RedisStreamsPublisher,
      consumer: RedisStreamsConsumer,
      health: RedisBusHealth,
    },
  ],
  [
    'in-process',
    { driver: 'in-process', postgresUrl: POSTGRES_URL, queueSchema: namespace },
    {
      publisher: InProcessPublisher,
      consumer: InProcessConsumer,
      health: InProcessBusHealth,
    },
  ],
])('MessagingModule with driver %s', (driver, options, classes) => {
  const account = `T-${randomUUID()}`;

  afterAll(async () => {
    if (driver === 'redis') {
      const redis = new Redis(REDIS_URL);
      await redis.del(eventStreamKey(account));
      redis.disconnect();
    }
    // The in-process driver keeps its BullMQ queues on the Postgres backend.
    await dropQueueNamespace(driver === 'redis' ? 'redis' : 'postgres', namespace);
  });

  it('provides the four ports, carries events and route jobs, and closes them on shutdown', async () => {
    const app = await startWith(options);
    const publisher = app.get(EventPublisher);
    const consumer = app.get(EventConsumer);
    const routes = app.get(RouteQueue);
    const health = app.get(BusHealth);
    expect(publisher).toBeInstanceOf(classes.publisher as typeof EventPublisher);
    expect(consumer).toBeInstanceOf(classes.consumer as typeof EventConsumer);
    expect(routes).toBeInstanceOf(BullMqRouteQueue);
    expect(health).toBeInstanceOf(classes.health as typeof BusHealth);
    expect(await health.isReady()).toBe(true);

    const seen: DeliveredEvent[] = [];
    await consumer.consume({
      group: 'oms',
      consumer: 'a',
      accountIds: [account],
      blockMs: 50,
      handler: (batch) => (seen.push(...batch), Promise.resolve()),
    });
    const event: GatewayEvent = {
      eventId: 'e-1',
      type: 'CONNECTOR_STATUS',
      accountId: account,
      ts: new Date(0).toISOString(),
      source: 'test',
      payload: { connectorId: 'c', state: 'UP', reason: 'test' },
    };
    await publisher.publish(event);
    const handled: string[] = [];
    await routes.work(
      'module-test',
      (j) => (handled.push(j.orderId), Promise.resolve({ kind: 'SENT' })),
    );
    await routes.enqueue('module-test', job('Q0000000000000000009'));
    await eventually(() => (seen.length >= 1 && handled.length >= 1 ? true : undefined));
    expect(seen[0]).toMatchObject({ ok: true, event });
    expect(handled).toEqual(['Q0000000000000000009']);

    await app.close();
    // Redis: the shared client is gone with the application; the in-process bus's health asks
    // PostgreSQL afresh each time.
    expect(await health.isReady()).toBe(driver !== 'redis');
  });
});
