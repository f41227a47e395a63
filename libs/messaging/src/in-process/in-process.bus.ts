import type { GatewayEvent } from '@qmt/contracts';
import {
  EventConsumer,
  type ConsumeOptions,
  type DeliveredEvent,
} from '../ports/event-consumer.port.js';
import { EventPublisher } from '../ports/event-publisher.port.js';

interface Entry {
  readonly id: number;
  readonly event: GatewayEvent;
}

interface Group {
  /** Index into the account log of the next entry not yet handed to any consumer. */
  readonly cursors: Map<string, number>;
  readonly wakeups: Set<() => void>;
}

/**
 * The desk's bus when REDIS_URL is unset: the same consumer-group semantics as the Redis
 * Streams adapter in one process (every group sees every event once, ack after the handler
 * resolves, redelivery after a failure). Nothing here survives a restart: the connector's
 * reconciliation on reconnect re-publishes what the broker knows.
 */
export class InProcessBus {
  private readonly logs = new Map<string, Entry[]>();
  private readonly groups = new Map<string, Group>();
  private readonly loops: { stopped: boolean; done: Promise<void>; wake: () => void }[] = [];
  private nextId = 1;

  constructor(private readonly onError?: (error: unknown) => void) {}

  publish(event: GatewayEvent): string {
    const log = this.logs.get(event.accountId) ?? [];
    this.logs.set(event.accountId, log);
    const id = this.nextId++;
    log.push({ id, event });
    for (const group of this.groups.values()) {
      for (const wake of group.wakeups) {
        wake();
      }
    }
    return `${id}-0`;
  }

  consume(options: ConsumeOptions): void {
    const group = this.groups.get(options.group) ?? { cursors: new Map(), wakeups: new Set() };
    this.groups.set(options.group, group);
    const loop = { stopped: false, done: Promise.resolve(), wake: () => undefined as void };
    loop.done = this.run(loop, group, options);
    this.loops.push(loop);
  }

  async stop(): Promise<void> {
    for (const loop of this.loops) {
      loop.stopped = true;
      loop.wake();
    }
    await Promise.all(this.loops.map((loop) => loop.done));
    this.loops.length = 0;
  }

  /** Entries still held for some group (for tests and metrics). */
  size(): number {
    let total = 0;
    for (const log of this.logs.values()) {
      total += log.length;
    }
    return total;
  }

  private take(group: Group, accountIds: readonly string[], max: number): DeliveredEvent[] {
    const batch: DeliveredEvent[] = [];
    for (const accountId of accountIds) {
      const log = this.logs.get(accountId) ?? [];
      let cursor = group.cursors.get(accountId) ?? 0;
      while (cursor < log.length && batch.length < max) {
        const entry = log[cursor];
        if (entry !== undefined) {
          batch.push({ entryId: `${entry.id}-0`, accountId, ok: true, event: entry.event });
        }
        cursor += 1;
      }
      group.cursors.set(accountId, cursor);
    }
    return batch;
  }

  private rewind(group: Group, batch: readonly DeliveredEvent[]): void {
    // Put the failed batch back in front of the group's cursor so it is delivered again.
    for (const delivered of batch) {
      const log = this.logs.get(delivered.accountId) ?? [];
      const index = log.findIndex((e) => `${e.id}-0` === delivered.entryId);
      const cursor = group.cursors.get(delivered.accountId) ?? 0;
      if (index >= 0 && index < cursor) {
        group.cursors.set(delivered.accountId, index);
      }
    }
  }

  private compact(): void {
    for (const [accountId, log] of this.logs) {
      let consumedByAll = log.length;
      for (const group of this.groups.values()) {
        consumedByAll = Math.min(consumedByAll, group.cursors.get(accountId) ?? 0);
      }
      if (consumedByAll > 1000) {
        log.splice(0, consumedByAll);
        for (const group of this.groups.values()) {
          group.cursors.set(accountId, (group.cursors.get(accountId) ?? 0) - consumedByAll);
        }
      }
    }
  }

  private async run(
    loop: { stopped: boolean; wake: () => void },
    group: Group,
    options: ConsumeOptions,
  ): Promise<void> {
    let backoff = 50;
    while (!loop.stopped) {
      const batch = this.take(group, options.accountIds, options.batchSize ?? 100);
      if (batch.length === 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.blockMs ?? 1000);
          const wake = (): void => {
            clearTimeout(timer);
            group.wakeups.delete(wake);
            resolve();
          };
          loop.wake = wake;
          group.wakeups.add(wake);
        });
        continue;
      }
      try {
        await options.handler(batch);
        backoff = 50;
        this.compact();
      } catch (error) {
        this.onError?.(error);
        this.rewind(group, batch);
        await new Promise((resolve) => setTimeout(resolve, backoff));
        backoff = Math.min(backoff * 2, 2000);
      }
    }
  }
}

export class InProcessPublisher extends EventPublisher {
  constructor(private readonly bus: InProcessBus) {
    super();
  }

  publish(event: GatewayEvent): Promise<string> {
    return Promise.resolve(this.bus.publish(event));
  }
}

export class InProcessConsumer extends EventConsumer {
  constructor(private readonly bus: InProcessBus) {
    super();
  }

  consume(options: ConsumeOptions): Promise<void> {
    this.bus.consume(options);
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return this.bus.stop();
  }
}
