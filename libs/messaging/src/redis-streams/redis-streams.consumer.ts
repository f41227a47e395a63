import { eventStreamKey } from '@qmt/contracts';
import type { Redis } from 'ioredis';
import {
  EventConsumer,
  type ConsumeOptions,
  type DeliveredEvent,
} from '../ports/event-consumer.port.js';
import { deliveredOf, readReply, type RawEntry } from './stream-entries.js';

export interface RedisConsumerOptions {
  /** Entries idle this long in a dead consumer's pending list are claimed (ms). */
  readonly claimIdleMs?: number;
  /** How often to look for such entries (ms). */
  readonly claimEveryMs?: number;
  readonly onError?: (error: unknown) => void;
  /** How long stop() waits for an in-flight batch before giving up on it (ms). */
  readonly stopTimeoutMs?: number;
}

interface Loop {
  stopped: boolean;
  connection: Redis;
  done: Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Consumer-group reader: first this consumer's own pending entries (a restart after a crash
 * between commit and XACK), then new ones; XACK only after the handler resolves; entries a dead
 * consumer left behind are taken over with XAUTOCLAIM.
 */
export class RedisStreamsConsumer extends EventConsumer {
  private readonly loops: Loop[] = [];

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisConsumerOptions = {},
  ) {
    super();
  }

  async consume(options: ConsumeOptions): Promise<void> {
    const keys = options.accountIds.map(eventStreamKey);
    for (const key of keys) {
      try {
        await this.redis.xgroup('CREATE', key, options.group, '0', 'MKSTREAM');
      } catch (error) {
        if (!String(error).includes('BUSYGROUP')) {
          throw error;
        }
      }
    }
    const connection = this.redis.duplicate();
    const loop: Loop = { stopped: false, connection, done: Promise.resolve() };
    loop.done = this.run(loop, keys, options);
    this.loops.push(loop);
  }

  async stop(): Promise<void> {
    for (const loop of this.loops) {
      loop.stopped = true;
    }
    await Promise.all(
      this.loops.map(async (loop) => {
        // An in-flight batch stays unacknowledged if it does not finish: another consumer (or
        // this one after a restart) gets it again, so giving up on it loses nothing.
        await Promise.race([
          loop.done.catch(() => undefined),
          sleep(this.options.stopTimeoutMs ?? 5000),
        ]);
        loop.connection.disconnect();
      }),
    );
    this.loops.length = 0;
  }

  private async run(loop: Loop, keys: string[], options: ConsumeOptions): Promise<void> {
    const count = options.batchSize ?? 100;
    const block = options.blockMs ?? 1000;
    const claimEvery = this.options.claimEveryMs ?? 5000;
    let backlog = true;
    let backoff = 200;
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
        const streams = readReply(reply);
        const total = streams.reduce((n, s) => n + s.entries.length, 0);
        if (backlog && total === 0) {
          backlog = false;
          continue;
        }
        for (const { key, entries } of streams) {
          if (entries.length > 0) {
            await this.deliver(loop, key, entries, options);
          }
        }
        backoff = 200;
      } catch (error) {
        if (loop.stopped) {
          return;
        }
        this.options.onError?.(error);
        // Unacknowledged entries stay pending: re-read them from our own backlog after a pause.
        backlog = true;
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 5000);
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
    await options.handler(batch);
    await loop.connection.xack(key, options.group, ...entries.map(([id]) => id));
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
        const entries = reply[1].filter(([, fields]) => fields !== null);
        if (entries.length > 0) {
          await this.deliver(loop, key, entries, options);
        }
      } while (cursor !== '0-0' && !loop.stopped);
    }
  }
}
