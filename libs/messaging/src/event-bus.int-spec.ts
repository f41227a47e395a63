// The consumer-group contract both bus adapters keep: every group sees every event, consumers
// of a group share the work, entries are acknowledged only after the handler succeeds, entries a
// stopped consumer left pending are taken over. One table, two adapters.
import { randomUUID } from 'node:crypto';
import { eventStreamKey, type GatewayEvent } from '@qmt/contracts';
import { eventually } from '@qmt/testkit';
import { Redis } from 'ioredis';
import {
  InProcessBus,
  InProcessConsumer,
  InProcessPublisher,
} from './in-process/in-process.bus.js';
import type { ConsumeOptions, DeliveredEvent, EventConsumer } from './ports/event-consumer.port.js';
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

interface BusOptions {
  /** Idle time after which a stopped consumer's pending entries are claimed. */
  readonly claimIdleMs?: number;
}

interface BusUnderTest {
  publish(event: GatewayEvent): Promise<string>;
  publishBatch(events: readonly GatewayEvent[]): Promise<PromiseSettledResult<string>[]>;
  consumer(): EventConsumer;
  /** Delivered but unacknowledged entries of the group on the account. */
  pending(accountId: string, group: string): Promise<number>;
  close(): Promise<void>;
}

// Short timings so redelivery and takeover happen within a test's second.
const TIMINGS = { claimEveryMs: 100, backoffMs: 50, maxBackoffMs: 400, stopTimeoutMs: 100 };

function redisBus(options: BusOptions = {}): BusUnderTest {
  const redis = new Redis(REDIS_URL);
  const consumers: RedisStreamsConsumer[] = [];
  const keys = new Set<string>();
  const publisher = new RedisStreamsPublisher(redis);
  return {
    publish: (event) => {
      keys.add(eventStreamKey(event.accountId));
      return publisher.publish(event);
    },
    publishBatch: (events) => {
      events.forEach((event) => keys.add(eventStreamKey(event.accountId)));
      return publisher.publishBatch(events);
    },
    consumer: () => {
      const consumer = new RedisStreamsConsumer(redis, {
        ...TIMINGS,
        claimIdleMs: options.claimIdleMs ?? 200,
      });
      consumers.push(consumer);
      return consumer;
    },
    pending: async (accountId, group) => {
      const [count] = (await redis.xpending(eventStreamKey(accountId), group)) as [number];
      return Number(count);
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

function inProcessBus(options: BusOptions = {}): BusUnderTest {
  const bus = new InProcessBus({ ...TIMINGS, claimIdleMs: options.claimIdleMs ?? 200 });
  const publisher = new InProcessPublisher(bus);
  return {
    publish: (event) => publisher.publish(event),
    publishBatch: (events) => publisher.publishBatch(events),
    consumer: () => new InProcessConsumer(bus),
    pending: (accountId, group) => Promise.resolve(bus.pendingCount(accountId, group)),
    close: () => bus.stop(),
  };
}

/** A handler that records what it is given and succeeds. */
function collector() {
  const seen: DeliveredEvent[] = [];
  return {
    seen,
    ids: () => seen.map((d) => (d.ok ? d.event.eventId : `bad:${d.error}`)),
    handler: (batch: readonly DeliveredEvent[]): Promise<void> => {
      seen.push(...batch);
      return Promise.resolve();
    },
  };
}

const eventIds = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => `e-${from + i}`);

describe.each<[string, (options?: BusOptions) => BusUnderTest]>([
  ['Redis Streams', redisBus],
  ['the in-process bus', inProcessBus],
])('consumer groups on %s', (_name, makeBus) => {
  const buses: BusUnderTest[] = [];
  let account: string;

  const bus = (options?: BusOptions): BusUnderTest => {
    const made = makeBus(options);
    buses.push(made);
    return made;
  };

  async function consume(
    on: BusUnderTest,
    options: Partial<ConsumeOptions> & Pick<ConsumeOptions, 'group' | 'consumer' | 'handler'>,
  ): Promise<EventConsumer> {
    const consumer = on.consumer();
    await consumer.consume({ accountIds: [account], blockMs: 50, ...options });
    return consumer;
  }

  beforeEach(() => {
    account = `T-${randomUUID()}`;
  });

  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.close()));
  });

  it('delivers every event to each group, in order, and acknowledges them', async () => {
    const b = bus();
    const oms = collector();
    const risk = collector();
    await consume(b, { group: 'oms', consumer: 'a', handler: oms.handler });
    await consume(b, { group: 'risk', consumer: 'a', handler: risk.handler });
    for (let n = 0; n < 20; n += 1) {
      await b.publish(statusEvent(account, n));
    }
    await eventually(() => (oms.seen.length >= 20 && risk.seen.length >= 20 ? true : undefined));
    expect(oms.ids()).toEqual(eventIds(0, 20));
    expect(risk.ids()).toEqual(eventIds(0, 20));
    expect(oms.seen.every((d) => d.accountId === account)).toBe(true);
    await eventually(async () => ((await b.pending(account, 'oms')) === 0 ? true : undefined));
    await eventually(async () => ((await b.pending(account, 'risk')) === 0 ? true : undefined));
  });

  it('reports the pending entries and the lag of each group it reads', async () => {
    const b = bus();
    for (let n = 0; n < 5; n += 1) {
      await b.publish(statusEvent(account, n));
    }
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const consumer = await consume(b, {
      group: 'oms',
      consumer: 'a',
      batchSize: 2,
      handler: () => held,
    });
    const mine = async () =>
      (await consumer.backlog()).find((s) => s.accountId === account && s.group === 'oms');
    // Two entries in the handler, three not delivered yet.
    expect(
      await eventually(async () => {
        const sample = await mine();
        return sample?.pending === 2 ? sample : undefined;
      }),
    ).toEqual({ accountId: account, group: 'oms', pending: 2, lag: 3 });
    release();
    expect(
      await eventually(async () => {
        const sample = await mine();
        return sample?.pending === 0 && sample.lag === 0 ? sample : undefined;
      }),
    ).toEqual({ accountId: account, group: 'oms', pending: 0, lag: 0 });
  });

  it('gives a group made after the events were published all of them', async () => {
    const b = bus();
    for (let n = 0; n < 5; n += 1) {
      await b.publish(statusEvent(account, n));
    }
    const late = collector();
    await consume(b, { group: 'audit', consumer: 'a', handler: late.handler });
    await eventually(() => (late.seen.length >= 5 ? true : undefined));
    expect(late.ids()).toEqual(eventIds(0, 5));
  });

  /** A bus with one consumer reading this test's account and a second one. */
  async function twoAccounts() {
    const b = bus();
    const other = `T-${randomUUID()}`;
    const seen = collector();
    await consume(b, {
      group: 'oms',
      consumer: 'a',
      handler: seen.handler,
      accountIds: [account, other],
    });
    return { b, other, seen };
  }

  it('reads several accounts in one loop, each event tagged with its account', async () => {
    const { b, other, seen } = await twoAccounts();
    await b.publish(statusEvent(account, 1));
    await b.publish(statusEvent(other, 2));
    await eventually(() => (seen.seen.length >= 2 ? true : undefined));
    const tagged = seen.seen.map((d) => `${d.accountId}/${d.ok ? d.event.eventId : ''}`);
    expect(tagged.sort()).toEqual([`${account}/e-1`, `${other}/e-2`].sort());
  });

  it('publishes a batch across accounts in order per stream, with an entry id for each event', async () => {
    const { b, other, seen } = await twoAccounts();
    // Runs of one stream, then the other, then the first again: as a callback burst comes.
    const batch = [0, 1, 2, 3, 4, 5, 6].map((n) =>
      statusEvent(n === 3 || n === 4 ? other : account, n),
    );
    const outcomes = await b.publishBatch(batch);
    expect(outcomes.map((o) => o.status)).toEqual(batch.map(() => 'fulfilled'));
    // Entry ids are unique per stream (two streams may hand out the same one).
    const entries = outcomes.map(
      (o, i) => `${batch[i]?.accountId}/${o.status === 'fulfilled' ? o.value : ''}`,
    );
    expect(new Set(entries).size).toBe(batch.length);
    await eventually(() => (seen.seen.length >= batch.length ? true : undefined));
    const on = (id: string) =>
      seen.seen.filter((d) => d.accountId === id).map((d) => (d.ok ? d.event.eventId : ''));
    expect(on(account)).toEqual(['e-0', 'e-1', 'e-2', 'e-5', 'e-6']);
    expect(on(other)).toEqual(['e-3', 'e-4']);
    expect(seen.seen.map((d) => `${d.accountId}/${d.entryId}`).sort()).toEqual(entries.sort());
  });

  it('splits one group between its consumers without duplicates', async () => {
    const b = bus();
    const first = collector();
    const second = collector();
    await consume(b, { group: 'oms', consumer: 'a', handler: first.handler, batchSize: 3 });
    await consume(b, { group: 'oms', consumer: 'b', handler: second.handler, batchSize: 3 });
    for (let n = 0; n < 60; n += 1) {
      await b.publish(statusEvent(account, n));
    }
    await eventually(() => (first.seen.length + second.seen.length >= 60 ? true : undefined));
    const all = [...first.ids(), ...second.ids()];
    expect(all).toHaveLength(60);
    expect(new Set(all)).toEqual(new Set(eventIds(0, 60)));
    // Each consumer still sees its own share in publication order.
    for (const ids of [first.ids(), second.ids()]) {
      const numbers = ids.map((id) => Number(id.slice(2)));
      expect(numbers).toEqual([...numbers].sort((x, y) => x - y));
    }
  });

  it('redelivers the same entries after a rejection and acknowledges them only after success', async () => {
    const b = bus();
    const attempts: string[][] = [];
    let resolveFirst = (): void => undefined;
    const firstFailure = new Promise<void>((resolve) => {
      resolveFirst = resolve;
    });
    await consume(b, {
      group: 'oms',
      consumer: 'a',
      handler: (batch) => {
        attempts.push(batch.map((d) => d.entryId));
        if (attempts.length <= 2) {
          resolveFirst();
          return Promise.reject(new Error('database down'));
        }
        return Promise.resolve();
      },
    });
    await b.publish(statusEvent(account, 1));
    await b.publish(statusEvent(account, 2));
    await firstFailure;
    const pendingDuringFailure = await b.pending(account, 'oms');
    await eventually(() => (attempts.length >= 3 ? true : undefined));
    expect(pendingDuringFailure).toBeGreaterThan(0);
    // The first batch may hold one or both events; whatever failed comes back unchanged.
    expect(attempts[1]).toEqual(attempts[0]);
    expect(attempts[2]).toEqual(attempts[0]);
    await eventually(async () => ((await b.pending(account, 'oms')) === 0 ? true : undefined));
  });

  it('backs off between redeliveries however fast new events arrive', async () => {
    const b = bus();
    let attempts = 0;
    await consume(b, {
      group: 'oms',
      consumer: 'a',
      handler: () => {
        attempts += 1;
        return Promise.reject(new Error('database down'));
      },
    });
    // 50 + 100 + 200 ms of back-off fit in this window: about four attempts, not one per event.
    const until = Date.now() + 300;
    let n = 0;
    while (Date.now() < until) {
      await b.publish(statusEvent(account, (n += 1)));
    }
    expect(n).toBeGreaterThan(20);
    expect(attempts).toBeGreaterThan(0);
    expect(attempts).toBeLessThanOrEqual(6);
  });

  it('re-reads its own pending entries when a consumer of the same name starts again', async () => {
    // Takeover is made slow here: only the restarted consumer's own backlog read can explain it.
    const b = bus({ claimIdleMs: 60_000 });
    const failing = await consume(b, {
      group: 'oms',
      consumer: 'a',
      handler: () => Promise.reject(new Error('crash before commit')),
    });
    await b.publish(statusEvent(account, 1));
    await eventually(async () => ((await b.pending(account, 'oms')) === 1 ? true : undefined));
    await failing.stop();
    const restarted = collector();
    await consume(b, { group: 'oms', consumer: 'a', handler: restarted.handler });
    await b.publish(statusEvent(account, 2));
    await eventually(() => (restarted.seen.length >= 2 ? true : undefined));
    expect(restarted.ids()).toEqual(['e-1', 'e-2']);
    await eventually(async () => ((await b.pending(account, 'oms')) === 0 ? true : undefined));
  });

  it('takes over the entries a stopped consumer left pending (XAUTOCLAIM)', async () => {
    const b = bus();
    // Consumer "dead" takes an entry and never finishes it; its stop() gives up waiting.
    const dead = await consume(b, {
      group: 'oms',
      consumer: 'dead',
      handler: () => new Promise<void>(() => undefined),
    });
    await b.publish(statusEvent(account, 7));
    await eventually(async () => ((await b.pending(account, 'oms')) === 1 ? true : undefined));
    await dead.stop();
    const alive = collector();
    await consume(b, { group: 'oms', consumer: 'alive', handler: alive.handler });
    await eventually(() => (alive.seen.length >= 1 ? true : undefined));
    expect(alive.ids()).toEqual(['e-7']);
    await eventually(async () => ((await b.pending(account, 'oms')) === 0 ? true : undefined));
  });

  it('hands an envelope that breaks the schema to the handler as not ok, with its raw text', async () => {
    const b = bus();
    const seen = collector();
    await consume(b, { group: 'oms', consumer: 'a', handler: seen.handler });
    const broken = { ...statusEvent(account, 1), type: 'NOPE' } as unknown as GatewayEvent;
    await b.publish(broken);
    await b.publish(statusEvent(account, 2));
    await eventually(() => (seen.seen.length >= 2 ? true : undefined));
    const [bad, good] = seen.seen;
    expect(bad?.ok).toBe(false);
    expect(bad?.accountId).toBe(account);
    expect(bad !== undefined && !bad.ok ? JSON.parse(bad.raw) : undefined).toEqual(broken);
    expect(good?.ok).toBe(true);
  });

  it('stops a loop blocked on an empty stream at once', async () => {
    const b = bus();
    const seen = collector();
    const consumer = await consume(b, {
      group: 'oms',
      consumer: 'a',
      handler: seen.handler,
      blockMs: 10_000,
    });
    // Once this event is handled the loop goes straight back to a 10 s blocking read.
    await b.publish(statusEvent(account, 1));
    await eventually(() => (seen.seen.length >= 1 ? true : undefined));
    const started = Date.now();
    await consumer.stop();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('Redis Streams specifics', () => {
  let redis: Redis;
  let account: string;
  let consumer: RedisStreamsConsumer;

  beforeEach(() => {
    redis = new Redis(REDIS_URL);
    account = `T-${randomUUID()}`;
    consumer = new RedisStreamsConsumer(redis, TIMINGS);
  });

  afterEach(async () => {
    await consumer.stop();
    await redis.del(eventStreamKey(account));
    redis.disconnect();
  });

  it('hands an entry that is not JSON to the handler as not ok, with its raw text', async () => {
    const seen = collector();
    await consumer.consume({
      group: 'oms',
      consumer: 'a',
      accountIds: [account],
      blockMs: 50,
      handler: seen.handler,
    });
    await redis.xadd(eventStreamKey(account), '*', 'event', '{"type":"NOPE"');
    await redis.xadd(eventStreamKey(account), '*', 'other', 'x');
    await eventually(() => (seen.seen.length >= 2 ? true : undefined));
    const [notJson, noField] = seen.seen;
    expect(notJson).toMatchObject({ ok: false, accountId: account, raw: '{"type":"NOPE"' });
    expect(noField).toMatchObject({ ok: false, accountId: account, raw: 'other x' });
  });

  it('writes one field, event, holding the envelope as JSON', async () => {
    const publisher = new RedisStreamsPublisher(redis);
    const event = statusEvent(account, 3);
    const id = await publisher.publish(event);
    const entries = await redis.xrange(eventStreamKey(account), id, id);
    expect(entries).toEqual([[id, ['event', JSON.stringify(event)]]]);
  });

  it('makes its group again when the stream is deleted under it', async () => {
    const seen = collector();
    const publisher = new RedisStreamsPublisher(redis);
    await consumer.consume({
      group: 'oms',
      consumer: 'a',
      accountIds: [account],
      blockMs: 50,
      handler: seen.handler,
    });
    await publisher.publish(statusEvent(account, 1));
    await eventually(() => (seen.seen.length >= 1 ? true : undefined));
    await redis.del(eventStreamKey(account));
    // The loop sees NOGROUP on its next read and recreates stream and group.
    await eventually(async () =>
      (await redis.exists(eventStreamKey(account))) === 1 ? true : undefined,
    );
    await publisher.publish(statusEvent(account, 2));
    await eventually(() => (seen.seen.length >= 2 ? true : undefined));
    expect(seen.ids()).toEqual(['e-1', 'e-2']);
  });
});

describe('the in-process bus memory', () => {
  it('drops entries once every group of the account has acknowledged them', async () => {
    const bus = new InProcessBus(TIMINGS);
    const publisher = new InProcessPublisher(bus);
    const account = `T-${randomUUID()}`;
    const oms = collector();
    let riskHealthy = false;
    const risk = collector();
    const consumers = [new InProcessConsumer(bus), new InProcessConsumer(bus)];
    await consumers[0]?.consume({
      group: 'oms',
      consumer: 'a',
      accountIds: [account],
      blockMs: 50,
      handler: oms.handler,
    });
    await consumers[1]?.consume({
      group: 'risk',
      consumer: 'a',
      accountIds: [account],
      blockMs: 50,
      handler: (batch) =>
        riskHealthy ? risk.handler(batch) : Promise.reject(new Error('risk not ready')),
    });
    for (let n = 0; n < 10; n += 1) {
      await publisher.publish(statusEvent(account, n));
    }
    await eventually(() => (oms.seen.length >= 10 ? true : undefined));
    // oms has acknowledged everything, risk nothing: the bus still holds all ten for risk.
    expect(bus.pendingCount(account, 'oms')).toBe(0);
    expect(bus.size()).toBe(10);
    riskHealthy = true;
    await eventually(() => (bus.size() === 0 ? true : undefined));
    expect(risk.ids()).toEqual(eventIds(0, 10));
    await bus.stop();
  });

  it('holds entries for an expected group until it starts and acknowledges them', async () => {
    const bus = new InProcessBus({ ...TIMINGS, groups: ['oms', 'risk'] });
    const publisher = new InProcessPublisher(bus);
    const account = `T-${randomUUID()}`;
    const oms = collector();
    const risk = collector();
    const consumer = new InProcessConsumer(bus);
    const options = { consumer: 'a', accountIds: [account], blockMs: 50 };
    await consumer.consume({ ...options, group: 'oms', handler: oms.handler });
    await publisher.publish(statusEvent(account, 1));
    await eventually(() => (oms.seen.length >= 1 ? true : undefined));
    // oms is done with it; risk has not started yet, so the entry stays.
    expect(bus.size()).toBe(1);
    await consumer.consume({ ...options, group: 'risk', handler: risk.handler });
    await eventually(() => (bus.size() === 0 ? true : undefined));
    expect(risk.ids()).toEqual(['e-1']);
    await bus.stop();
  });

  it('keeps the entries of an account no group reads yet', async () => {
    const bus = new InProcessBus(TIMINGS);
    await new InProcessPublisher(bus).publish(statusEvent('T-unread', 1));
    expect(bus.size()).toBe(1);
    await bus.stop();
  });
});
