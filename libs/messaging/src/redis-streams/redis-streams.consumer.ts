import { accountOfStreamKey, eventStreamKey } from '@qmt/contracts';
import type { StreamBacklogSample } from '@qmt/observability';
import type { Redis } from 'ioredis';
import {
  EventConsumer,
  type ConsumeOptions,
  type DeliveredEvent,
} from '../ports/event-consumer.port.js';
import { parseGroupInfo } from './group-info.js';
import { deliveredOf, readReply, type RawEntry } from './stream-entries.js';
import { within } from '../timing.js';

export interface RedisConsumerOptions {
  /** Entries idle this long in another consumer's pending list are claimed (ms, default 30 s). */
  readonly claimIdleMs?: number;
  /** How often to look for such entries (ms, default 5 s). */
  readonly claimEveryMs?: number;
  /** First pause after a failed batch or a Redis error (ms, default 200); it doubles. */
  readonly backoffMs?: number;
  /** Longest pause between retries (ms, default 5 s). */
  readonly maxBackoffMs?: number;
  /** How long stop() waits for an in-flight batch before giving up on it (ms, default 5 s). */
  readonly stopTimeoutMs?: number;
  /** Told of every error a loop survives (a rejected batch, a lost connection). */
  readonly onError?: (error: unknown) => void;
}

interface Loop {
  stopped: boolean;
  /** Inside the handler or its XACK: stop() lets that finish rather than cut the connection. */
  busy: boolean;
  readonly connection: Redis;
  disconnected: boolean;
  /** Ends a back-off pause early (stop). */
  interrupt: () => void;
  done: Promise<void>;
}

/**
 * Consumer-group reader over account streams: first this consumer's own pending entries (a
 * restart after a crash between commit and XACK, or a batch whose handler failed), then new
 * ones; XACK only after the handler resolves; entries another consumer left pending longer than
 * claimIdleMs are taken over with XAUTOCLAIM. Each consume() call gets its own blocking
 * connection (a duplicate of the client given), so one client serves publishers and health.
 */
export class RedisStreamsConsumer extends EventConsumer {
  private readonly loops: Loop[] = [];
  /** What consume() was asked to read, for backlog(). */
  private readonly reading: { readonly group: string; readonly keys: readonly string[] }[] = [];

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisConsumerOptions = {},
  ) {
    super();
  }

  async consume(options: ConsumeOptions): Promise<void> {
    const keys = options.accountIds.map(eventStreamKey);
    if (keys.length === 0) {
      return;
    }
    await createGroups(this.redis, keys, options.group);
    this.reading.push({ group: options.group, keys });
    // A blocking read holds its connection: one of its own, commands sent one by one.
    const connection = this.redis.duplicate({ enableAutoPipelining: false });
    // Connection errors surface again as failed commands, which the loop reports; without a
    // listener ioredis would print each one.
    connection.on('error', () => undefined);
    const loop: Loop = {
      stopped: false,
      busy: false,
      connection,
      disconnected: false,
      interrupt: () => undefined,
      done: Promise.resolve(),
    };
    loop.done = this.run(loop, keys, options);
    this.loops.push(loop);
  }

  /** XINFO GROUPS of every stream read: the group's pending entries and its lag. */
  override async backlog(): Promise<StreamBacklogSample[]> {
    const samples = await Promise.all(
      this.reading.flatMap(({ group, keys }) =>
        keys.map(async (key): Promise<StreamBacklogSample[]> => {
          const info = parseGroupInfo(await this.redis.call('XINFO', 'GROUPS', key));
          const mine = info.find((g) => g.name === group);
          const accountId = accountOfStreamKey(key) ?? key;
          return mine === undefined
            ? []
            : [{ accountId, group, pending: mine.pending, lag: mine.lag }];
        }),
      ),
    );
    return samples.flat();
  }

  async stop(): Promise<void> {
    const loops = this.loops.splice(0);
    await Promise.all(
      loops.map(async (loop) => {
        loop.stopped = true;
        loop.interrupt();
        if (!loop.busy) {
          // Blocked in XREADGROUP (or pausing): closing the connection ends the read at once.
          disconnect(loop);
        }
        // An in-flight batch that does not finish stays unacknowledged: another consumer (or
        // this one after a restart) gets it again, so giving up on it loses nothing.
        await within(
          loop.done.catch(() => undefined),
          this.options.stopTimeoutMs ?? 5000,
        );
        disconnect(loop);
      }),
    );
  }

  private async run(loop: Loop, keys: string[], options: ConsumeOptions): Promise<void> {
    const count = options.batchSize ?? 100;
    const block = options.blockMs ?? 1000;
    const claimEvery = this.options.claimEveryMs ?? 5000;
    const firstBackoff = this.options.backoffMs ?? 200;
    const maxBackoff = this.options.maxBackoffMs ?? 5000;
    let backlog = true;
    let backoff = firstBackoff;
    let lastClaim = 0;
    while (!loop.stopped) {
      try {
        if (Date.now() - lastClaim >= claimEvery) {
          lastClaim = Date.now();
          await this.claimAbandoned(loop, keys, options);
        }
        const reply = await loop.connection.call(
          'XREADGROUP',
          'GROUP',
          options.group,
          options.consumer,
          'COUNT',
          count,
          ...(backlog ? [] : ['BLOCK', block]),
          'STREAMS',
          ...keys,
          ...keys.map(() => (backlog ? '0' : '>')),
        );
        if (loop.stopped) {
          return;
        }
        const streams = readReply(reply).filter((s) => s.entries.length > 0);
        if (backlog && streams.length === 0) {
          backlog = false;
          continue;
        }
        for (const { key, entries } of streams) {
          await this.deliver(loop, key, entries, options);
        }
        backoff = firstBackoff;
      } catch (error) {
        if (loop.stopped) {
          return;
        }
        this.report(error);
        if (String(error).includes('NOGROUP')) {
          // The stream (and its group) was deleted under us: make them again, then carry on.
          await createGroups(loop.connection, keys, options.group).catch((e: unknown) =>
            this.report(e),
          );
        }
        // Unacknowledged entries stay pending: re-read them from our own backlog after a pause.
        backlog = true;
        await pause(loop, backoff);
        backoff = Math.min(backoff * 2, maxBackoff);
      }
    }
  }

  private async deliver(
    loop: Loop,
    key: string,
    entries: RawEntry[],
    options: ConsumeOptions,
  ): Promise<void> {
    const batch: DeliveredEvent[] = entries.map((entry) => deliveredOf(key, entry));
    loop.busy = true;
    try {
      await options.handler(batch);
      await loop.connection.xack(key, options.group, ...entries.map(([id]) => id));
    } finally {
      loop.busy = false;
    }
  }

  private async claimAbandoned(loop: Loop, keys: string[], options: ConsumeOptions): Promise<void> {
    const minIdle = this.options.claimIdleMs ?? 30_000;
    for (const key of keys) {
      let cursor = '0-0';
      do {
        const reply = (await loop.connection.call(
          'XAUTOCLAIM',
          key,
          options.group,
          options.consumer,
          minIdle,
          cursor,
          'COUNT',
          options.batchSize ?? 100,
        )) as [string, RawEntry[], ...unknown[]];
        cursor = reply[0];
        // Redis 7 drops deleted entries from the pending list itself and lists them apart.
        const entries = reply[1].filter(([, fields]) => fields !== null);
        if (entries.length > 0 && !loop.stopped) {
          await this.deliver(loop, key, entries, options);
        }
      } while (cursor !== '0-0' && !loop.stopped);
    }
  }

  private report(error: unknown): void {
    try {
      this.options.onError?.(error);
    } catch {
      // A failing error callback must not end the loop.
    }
  }
}

async function createGroups(redis: Redis, keys: string[], group: string): Promise<void> {
  for (const key of keys) {
    try {
      // '0': a group made after events were published still sees them all.
      await redis.xgroup('CREATE', key, group, '0', 'MKSTREAM');
    } catch (error) {
      if (!String(error).includes('BUSYGROUP')) {
        throw error;
      }
    }
  }
}

/** Once only: a second ioredis disconnect() leaves a 2 s timer behind that never clears. */
function disconnect(loop: Loop): void {
  if (!loop.disconnected) {
    loop.disconnected = true;
    loop.connection.disconnect();
  }
}

function pause(loop: Loop, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    loop.interrupt = () => {
      clearTimeout(timer);
      resolve();
    };
  });
}
