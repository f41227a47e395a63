// The consumer-group contract both bus adapters keep: every group sees every event, consumers
// of a group share the work, entries are acknowledged only after the handler succeeds.
import { randomUUID } from 'node:crypto';
import { eventStreamKey, type GatewayEvent } from '@qmt/contracts';
import { eventually } from '@qmt/testkit';
import { Redis } from 'ioredis';
import {
  InProcessBus,
  InProcessConsumer,
  InProcessPublisher,
} from './in-process/in-process.bus.js';
import type { DeliveredEvent } from './ports/event-consumer.port.js';
import type { EventConsumer } from './ports/event-consumer.port.js';
import type { EventPublisher } from './ports/event-publisher.port.js';
import { RedisStreamsConsumer } from './redis-streams/redis-streams.consumer.js';
import { RedisStreamsPublisher } from './redis-streams/redis-streams.publisher.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function statusEvent(accountId: string, n: number): GatewayEvent {
  return {
    eventId: `e-${n}`,
    type: 'CONNECTOR_STATUS',
    accountId,
    ts: new Date(0).toISOString(),
    source: 'test',
    payload: { connectorId: 'c', state: 'UP', reason: String(n) },
  };
}

interface Bus {
  publisher: EventPublisher;
  consumer(): EventConsumer;
  close(): Promise<void>;
  pending?(accountId: string, group: string): Promise<number>;
  rawAppend?(accountId: string, text: string): Promise<void>;
}

function redisBus(): Bus {
  const redis = new Redis(REDIS_URL);
  const consumers: RedisStreamsConsumer[] = [];
  const keys = new Set<string>();
  const publisher = new RedisStreamsPublisher(redis);
  return {
    publisher: {
      publish: (event: GatewayEvent) => {
        keys.add(eventStreamKey(event.accountId));
        return publisher.publish(event);
      },
    },
    consumer: () => {
      const consumer = new RedisStreamsConsumer(redis, {
        claimIdleMs: 200,
        claimEveryMs: 100,
        stopTimeoutMs: 500,
      });
      consumers.push(consumer);
      return consumer;
    },
    pending: async (accountId, group) => {
      const summary = await redis.xpending(eventStreamKey(accountId), group);
      return Number(summary[0]);
    },
    rawAppend: async (accountId, text) => {
      keys.add(eventStreamKey(accountId));
      await redis.xadd(eventStreamKey(accountId), '*', 'event', text);
    },
    close: async () => {
      await Promise.all(consumers.map((c) => c.stop()));
      if (keys.size > 0) {
        await redis.del(...keys);
      }
      redis.disconnect();
    },
  };
}

function inProcessBus(): Bus {
  const bus = new InProcessBus();
  return {
    publisher: new InProcessPublisher(bus),
    consumer: () => new InProcessConsumer(bus),
    close: () => bus.stop(),
  };
}

describe.each<[string, () => Bus]>([
  ['Redis Streams', redisBus],
  ['the in-process bus', inProcessBus],
])('consumer groups on %s', (_name, makeBus) => {
  let bus: Bus;
  let account: string;

  beforeEach(() => {
    bus = makeBus();
    account = `T-${randomUUID()}`;
  });

  afterEach(async () => {
    await bus.close();
  });

  const collector = () => {
    const seen: DeliveredEvent[] = [];
    return {
      seen,
      handler: (batch: readonly DeliveredEvent[]) => (seen.push(...batch), Promise.resolve()),
    };
  };

  it('delivers every event to each group, in order', async () => {
    const oms = collector();
    const risk = collector();
    await bus.consumer().consume({
      group: 'oms',
      consumer: 'a',
      accountIds: [account],
      handler: oms.handler,
      blockMs: 50,
    });
    await bus.consumer().consume({
      group: 'risk',
      consumer: 'a',
      accountIds: [account],
      handler: risk.handler,
      blockMs: 50,
    });
    for (let n = 0; n < 20; n += 1) {
      await bus.publisher.publish(statusEvent(account, n));
    }
    await eventually(() => (oms.seen.length === 20 && risk.seen.length === 20 ? true : undefined));
    const ids = (seen: DeliveredEvent[]) => seen.map((d) => (d.ok ? d.event.eventId : d.error));
    expect(ids(oms.seen)).toEqual(Array.from({ length: 20 }, (_, n) => `e-${n}`));
    expect(ids(risk.seen)).toEqual(ids(oms.seen));
  });

  it('splits one group between its consumers without duplicates', async () => {
    const first = collector();
    const second = collector();
    await bus.consumer().consume({
      group: 'oms',
      consumer: 'a',
      accountIds: [account],
      handler: first.handler,
      batchSize: 3,
      blockMs: 50,
    });
    await bus.consumer().consume({
      group: 'oms',
      consumer: 'b',
      accountIds: [account],
      handler: second.handler,
      batchSize: 3,
      blockMs: 50,
    });
    for (let n = 0; n < 60; n += 1) {
      await bus.publisher.publish(statusEvent(account, n));
    }
    await eventually(() => (first.seen.length + second.seen.length === 60 ? true : undefined));
    const all = [...first.seen, ...second.seen].map((d) => (d.ok ? d.event.eventId : ''));
    expect(new Set(all).size).toBe(60);
  });

  it('redelivers a batch whose handler failed, and acknowledges it only after success', async () => {
    let failures = 0;
    const seen: string[] = [];
    await bus.consumer().consume({
      group: 'oms',
      consumer: 'a',
      accountIds: [account],
      blockMs: 50,
      handler: (batch) => {
        if (failures < 2) {
          failures += 1;
          return Promise.reject(new Error('database down'));
        }
        seen.push(...batch.map((d) => (d.ok ? d.event.eventId : '')));
        return Promise.resolve();
      },
    });
    await bus.publisher.publish(statusEvent(account, 1));
    await eventually(() => (seen.length > 0 ? true : undefined), { timeoutMs: 15_000 });
    expect(failures).toBe(2);
    expect(seen).toEqual(['e-1']);
    if (bus.pending !== undefined) {
      const pending = bus.pending;
      await eventually(async () => ((await pending(account, 'oms')) === 0 ? true : undefined));
    }
  });
});

describe('Redis Streams specifics', () => {
  let bus: Bus;
  let account: string;

  beforeEach(() => {
    bus = redisBus();
    account = `T-${randomUUID()}`;
  });

  afterEach(async () => {
    await bus.close();
  });

  it('hands a malformed entry to the handler as not ok, with its raw text', async () => {
    const seen: DeliveredEvent[] = [];
    await bus.consumer().consume({
      group: 'oms',
      consumer: 'a',
      accountIds: [account],
      blockMs: 50,
      handler: (batch) => (seen.push(...batch), Promise.resolve()),
    });
    await bus.rawAppend?.(account, '{"type":"NOPE"');
    const bad = await eventually(() => seen[0]);
    expect(bad.ok).toBe(false);
    expect(bad.accountId).toBe(account);
    expect(bad.ok ? '' : bad.raw).toBe('{"type":"NOPE"');
  });

  it("takes over a dead consumer's pending entries (XAUTOCLAIM)", async () => {
    // Consumer "dead" reads an entry and never acknowledges it (its handler hangs forever).
    await bus.consumer().consume({
      group: 'oms',
      consumer: 'dead',
      accountIds: [account],
      blockMs: 50,
      handler: () => new Promise<void>(() => undefined),
    });
    await bus.publisher.publish(statusEvent(account, 7));
    await eventually(async () => ((await bus.pending?.(account, 'oms')) === 1 ? true : undefined));
    const seen: string[] = [];
    await bus.consumer().consume({
      group: 'oms',
      consumer: 'alive',
      accountIds: [account],
      blockMs: 50,
      handler: (batch) => (
        seen.push(...batch.map((d) => (d.ok ? d.event.eventId : ''))),
        Promise.resolve()
      ),
    });
    await eventually(() => (seen.includes('e-7') ? true : undefined), { timeoutMs: 10_000 });
    expect(seen).toEqual(['e-7']);
  });
});
