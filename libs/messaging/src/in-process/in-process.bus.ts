import { parseGatewayEvent, type GatewayEvent } from '@qmt/contracts';
import type { StreamBacklogSample } from '@qmt/observability';
import {
  EventConsumer,
  type ConsumeOptions,
  type DeliveredEvent,
} from '../ports/event-consumer.port.js';
import { EventPublisher } from '../ports/event-publisher.port.js';
import { within } from '../timing.js';

export interface InProcessBusOptions {
  /**
   * Groups that will read every account (the desk: oms and risk). Entries are held until each of
   * them has acknowledged them, even before the group starts, so a group that starts after the
   * first events were published still sees them (as XGROUP CREATE ... 0 does on a Redis stream).
   */
  readonly groups?: readonly string[];
  /** Entries a stopped consumer left pending this long are claimed by a live one (ms, 30 s). */
  readonly claimIdleMs?: number;
  /** How often a consumer looks for such entries (ms, default 1 s). */
  readonly claimEveryMs?: number;
  /** First pause after a failed batch (ms, default 200); it doubles. */
  readonly backoffMs?: number;
  /** Longest pause between retries (ms, default 5 s). */
  readonly maxBackoffMs?: number;
  /** How long stop() waits for an in-flight batch before giving up on it (ms, default 5 s). */
  readonly stopTimeoutMs?: number;
  /** Told of every error a consume loop survives (a rejected batch). */
  readonly onError?: (error: unknown) => void;
}

interface Entry {
  readonly id: number;
  /** The envelope as JSON, parsed on delivery exactly as the Redis adapter parses it. */
  readonly json: string;
}

interface Pending {
  consumer: string;
  deliveredAt: number;
}

interface GroupState {
  /** Id of the last entry handed to any consumer of the group (XREADGROUP '>'). */
  lastDelivered: number;
  /** Delivered, not yet acknowledged; insertion order is id order (the first key is the oldest). */
  readonly pending: Map<number, Pending>;
}

interface AccountLog {
  /** Ascending ids; the front is dropped once every group has acknowledged it. */
  entries: Entry[];
  readonly groups: Map<string, GroupState>;
}

/** A consume loop; stop() ends it. */
export interface ConsumeHandle {
  stop(): Promise<void>;
}

interface Loop {
  readonly group: string;
  readonly consumer: string;
  stopped: boolean;
  /** Ends the current wait (stop; a publish only while waiting for entries). */
  wake: () => void;
  /** Waiting for new entries rather than backing off after a failure. */
  waitingForEntries: boolean;
  done: Promise<void>;
}

/**
 * The desk's bus when REDIS_URL is unset: the Redis Streams consumer-group semantics in one
 * process. Per account an append-only log with increasing entry ids; per (account, group) a
 * cursor and a pending list; every group sees every event, the consumers of a group share the
 * work, an entry is acknowledged only after the handler resolves and is delivered again (to the
 * same consumer, after a back-off) when it rejects; entries acknowledged by every group of the
 * account (the expected `groups` and any other that has read it) are dropped from memory. A group
 * that starts later sees what is still held, like XGROUP CREATE ... 0. Nothing survives a
 * restart: the connector's reconciliation on reconnect publishes what the broker knows. An
 * account that no group reads keeps its entries (as a Redis stream without MAXLEN would).
 */
export class InProcessBus {
  private readonly logs = new Map<string, AccountLog>();
  private readonly loops = new Set<Loop>();
  /** Live loops per group + consumer name: pending entries of a name with none can be claimed. */
  private readonly live = new Map<string, number>();
  private nextId = 1;

  constructor(private readonly options: InProcessBusOptions = {}) {}

  /** Appends the event to its account's log; returns the entry id (`<n>-0`). */
  publish(event: GatewayEvent): string {
    const log = this.log(event.accountId);
    const id = this.nextId++;
    log.entries.push({ id, json: JSON.stringify(event) });
    for (const loop of this.loops) {
      if (loop.waitingForEntries) {
        loop.wake();
      }
    }
    return entryIdOf(id);
  }

  /** Starts a consume loop: own pending entries first, then new ones, until stopped. */
  consume(options: ConsumeOptions): ConsumeHandle {
    for (const accountId of options.accountIds) {
      const log = this.log(accountId);
      if (!log.groups.has(options.group)) {
        log.groups.set(options.group, { lastDelivered: 0, pending: new Map() });
      }
    }
    const loop: Loop = {
      group: options.group,
      consumer: options.consumer,
      stopped: false,
      wake: () => undefined,
      waitingForEntries: false,
      done: Promise.resolve(),
    };
    const name = liveKey(options.group, options.consumer);
    this.live.set(name, (this.live.get(name) ?? 0) + 1);
    this.loops.add(loop);
    loop.done = this.run(loop, options);
    return { stop: () => this.stopLoops([loop]) };
  }

  /** Stops every loop of the bus. */
  stop(): Promise<void> {
    return this.stopLoops([...this.loops]);
  }

  /** Per (account, group): delivered and not acknowledged, and not delivered yet (XINFO's lag). */
  backlog(): StreamBacklogSample[] {
    const samples: StreamBacklogSample[] = [];
    for (const [accountId, log] of this.logs) {
      for (const [group, state] of log.groups) {
        const lag = log.entries.filter((e) => e.id > state.lastDelivered).length;
        samples.push({ accountId, group, pending: state.pending.size, lag });
      }
    }
    return samples;
  }

  /** Entries held in memory over all accounts (for tests and metrics). */
  size(): number {
    let total = 0;
    for (const log of this.logs.values()) {
      total += log.entries.length;
    }
    return total;
  }

  /** Delivered, unacknowledged entries of a group on an account (XPENDING's count). */
  pendingCount(accountId: string, group: string): number {
    return this.logs.get(accountId)?.groups.get(group)?.pending.size ?? 0;
  }

  private log(accountId: string): AccountLog {
    let log = this.logs.get(accountId);
    if (log === undefined) {
      log = { entries: [], groups: new Map() };
      for (const group of this.options.groups ?? []) {
        log.groups.set(group, { lastDelivered: 0, pending: new Map() });
      }
      this.logs.set(accountId, log);
    }
    return log;
  }

  private async stopLoops(loops: Loop[]): Promise<void> {
    await Promise.all(
      loops.map(async (loop) => {
        if (!this.loops.delete(loop)) {
          return;
        }
        loop.stopped = true;
        loop.wake();
        // A batch still in its handler after the timeout stays pending under this consumer's
        // name; a live consumer of the group claims it after claimIdleMs.
        await within(
          loop.done.catch(() => undefined),
          this.options.stopTimeoutMs ?? 5000,
        );
        const name = liveKey(loop.group, loop.consumer);
        const left = (this.live.get(name) ?? 1) - 1;
        if (left > 0) {
          this.live.set(name, left);
        } else {
          this.live.delete(name);
        }
      }),
    );
  }

  private async run(loop: Loop, options: ConsumeOptions): Promise<void> {
    const max = options.batchSize ?? 100;
    const claimEvery = this.options.claimEveryMs ?? 1000;
    const firstBackoff = this.options.backoffMs ?? 200;
    const maxBackoff = this.options.maxBackoffMs ?? 5000;
    let backlog = true;
    let backoff = firstBackoff;
    let lastClaim = 0;
    while (!loop.stopped) {
      if (Date.now() - lastClaim >= claimEvery) {
        lastClaim = Date.now();
        if (this.claimAbandoned(loop, options.accountIds)) {
          backlog = true;
        }
      }
      const batches = backlog
        ? this.ownPending(loop, options.accountIds, max)
        : this.takeNew(loop, options.accountIds, max);
      if (batches.length === 0) {
        if (backlog) {
          backlog = false;
          continue;
        }
        loop.waitingForEntries = true;
        await this.idle(loop, Math.min(options.blockMs ?? 1000, claimEvery));
        loop.waitingForEntries = false;
        continue;
      }
      try {
        for (const batch of batches) {
          if (loop.stopped) {
            return;
          }
          await options.handler(batch.events);
          this.ack(batch.accountId, loop, batch.ids);
        }
        backoff = firstBackoff;
      } catch (error) {
        if (loop.stopped) {
          return;
        }
        this.report(error);
        backlog = true;
        await this.idle(loop, backoff);
        backoff = Math.min(backoff * 2, maxBackoff);
      }
    }
  }

  /** This consumer's pending entries, oldest first, one batch per account (XREADGROUP ... 0). */
  private ownPending(loop: Loop, accountIds: readonly string[], max: number): Batch[] {
    const batches: Batch[] = [];
    const now = Date.now();
    for (const accountId of accountIds) {
      const log = this.logs.get(accountId);
      const group = log?.groups.get(loop.group);
      if (log === undefined || group === undefined) {
        continue;
      }
      const ids: number[] = [];
      for (const [id, pending] of group.pending) {
        if (ids.length >= max) {
          break;
        }
        if (pending.consumer === loop.consumer) {
          pending.deliveredAt = now;
          ids.push(id);
        }
      }
      if (ids.length > 0) {
        batches.push(this.batchOf(log, accountId, ids));
      }
    }
    return batches;
  }

  /** Entries no consumer of the group has had yet; they become this consumer's pending. */
  private takeNew(loop: Loop, accountIds: readonly string[], max: number): Batch[] {
    const batches: Batch[] = [];
    const now = Date.now();
    for (const accountId of accountIds) {
      const log = this.logs.get(accountId);
      const group = log?.groups.get(loop.group);
      if (log === undefined || group === undefined) {
        continue;
      }
      const ids: number[] = [];
      const from = firstIndexAfter(log.entries, group.lastDelivered);
      for (const entry of log.entries.slice(from, from + max)) {
        ids.push(entry.id);
        group.pending.set(entry.id, { consumer: loop.consumer, deliveredAt: now });
        group.lastDelivered = entry.id;
      }
      if (ids.length > 0) {
        batches.push(this.batchOf(log, accountId, ids));
      }
    }
    return batches;
  }

  /** XAUTOCLAIM for consumers with no live loop; true if anything became this loop's. */
  private claimAbandoned(loop: Loop, accountIds: readonly string[]): boolean {
    const minIdle = this.options.claimIdleMs ?? 30_000;
    const now = Date.now();
    let claimed = false;
    for (const accountId of accountIds) {
      const group = this.logs.get(accountId)?.groups.get(loop.group);
      for (const pending of group?.pending.values() ?? []) {
        if (
          pending.consumer !== loop.consumer &&
          now - pending.deliveredAt >= minIdle &&
          !this.live.has(liveKey(loop.group, pending.consumer))
        ) {
          pending.consumer = loop.consumer;
          pending.deliveredAt = now;
          claimed = true;
        }
      }
    }
    return claimed;
  }

  private batchOf(log: AccountLog, accountId: string, ids: number[]): Batch {
    // Both lists ascend by id: walk them together from the first wanted entry.
    const events: DeliveredEvent[] = [];
    let index = firstIndexAfter(log.entries, (ids[0] ?? 0) - 1);
    for (const id of ids) {
      while (index < log.entries.length && (log.entries[index]?.id ?? id) < id) {
        index += 1;
      }
      const entry = log.entries[index];
      if (entry?.id === id) {
        events.push(deliveredOf(accountId, entry));
      }
    }
    return { accountId, ids, events };
  }

  /** XACK: entries another consumer claimed meanwhile are left to that consumer. */
  private ack(accountId: string, loop: Loop, ids: readonly number[]): void {
    const log = this.logs.get(accountId);
    const group = log?.groups.get(loop.group);
    if (log === undefined || group === undefined) {
      return;
    }
    for (const id of ids) {
      if (group.pending.get(id)?.consumer === loop.consumer) {
        group.pending.delete(id);
      }
    }
    this.compact(log);
  }

  /** Drops the entries every group of the account has acknowledged. */
  private compact(log: AccountLog): void {
    let keepFrom = Number.POSITIVE_INFINITY;
    for (const group of log.groups.values()) {
      const oldestPending = group.pending.keys().next();
      keepFrom = Math.min(
        keepFrom,
        group.lastDelivered + 1,
        oldestPending.done === true ? Number.POSITIVE_INFINITY : oldestPending.value,
      );
    }
    let drop = 0;
    while (drop < log.entries.length && (log.entries[drop]?.id ?? keepFrom) < keepFrom) {
      drop += 1;
    }
    if (drop > 0) {
      log.entries = log.entries.slice(drop);
    }
  }

  private idle(loop: Loop, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        loop.wake = () => undefined;
        resolve();
      }
      loop.wake = done;
    });
  }

  private report(error: unknown): void {
    try {
      this.options.onError?.(error);
    } catch {
      // A failing error callback must not end the loop.
    }
  }
}

interface Batch {
  readonly accountId: string;
  readonly ids: readonly number[];
  readonly events: readonly DeliveredEvent[];
}

function entryIdOf(id: number): string {
  return `${id}-0`;
}

/** Index of the first entry with an id above the given one (entries ascend by id). */
function firstIndexAfter(entries: readonly Entry[], id: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((entries[mid]?.id ?? Number.POSITIVE_INFINITY) <= id) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

function liveKey(group: string, consumer: string): string {
  return `${group}\u0000${consumer}`;
}

function deliveredOf(accountId: string, entry: Entry): DeliveredEvent {
  const entryId = entryIdOf(entry.id);
  const parsed = parseGatewayEvent(entry.json);
  return parsed.ok
    ? { entryId, accountId, ok: true, event: parsed.event, raw: entry.json }
    : { entryId, accountId, ok: false, error: parsed.error, raw: entry.json };
}

/** EventPublisher port over an InProcessBus (one bus is shared by publisher and consumer). */
export class InProcessPublisher extends EventPublisher {
  constructor(private readonly bus: InProcessBus) {
    super();
  }

  publish(event: GatewayEvent): Promise<string> {
    try {
      return Promise.resolve(this.bus.publish(event));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }
}

/** EventConsumer port over an InProcessBus; stop() ends the loops this consumer started. */
export class InProcessConsumer extends EventConsumer {
  private readonly handles: ConsumeHandle[] = [];

  constructor(private readonly bus: InProcessBus) {
    super();
  }

  consume(options: ConsumeOptions): Promise<void> {
    this.handles.push(this.bus.consume(options));
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    await Promise.all(this.handles.splice(0).map((handle) => handle.stop()));
  }

  /** The whole bus: in the desk every group runs in this one process. */
  override backlog(): Promise<readonly StreamBacklogSample[]> {
    return Promise.resolve(this.bus.backlog());
  }
}
