import { eventStreamKey, type GatewayEvent } from '@qmt/contracts';
import type { Redis } from 'ioredis';
import { EventPublisher } from '../ports/event-publisher.port.js';
import { EVENT_FIELD } from './stream-entries.js';

// Appends every ARGV as one entry of KEYS[1], in order, and returns their ids: one command for a
// run of events on one stream, where each XADD would cost the client a command of its own.
const XADD_ALL = `
local ids = {}
for i = 1, #ARGV do
  ids[i] = redis.call('XADD', KEYS[1], '*', '${EVENT_FIELD}', ARGV[i])
end
return ids`;

interface WithXaddAll {
  qmtXaddAll(key: string, ...events: string[]): Promise<string[]>;
}

/** XADD qmt:events:{accountId} * event <json>: one field, the whole envelope. */
export class RedisStreamsPublisher extends EventPublisher {
  private readonly scripted: Redis & WithXaddAll;

  constructor(redis: Redis) {
    super();
    // defineCommand is idempotent per client: publishers sharing a connection share the script.
    redis.defineCommand('qmtXaddAll', { numberOfKeys: 1, lua: XADD_ALL });
    this.scripted = redis as Redis & WithXaddAll;
  }

  async publish(event: GatewayEvent): Promise<string> {
    const key = eventStreamKey(event.accountId);
    const id = await this.scripted.xadd(key, '*', EVENT_FIELD, JSON.stringify(event));
    if (id === null) {
      throw new Error(`XADD to ${key} returned no id`);
    }
    return id;
  }

  /**
   * Each run of consecutive events on one stream goes as one script call (Redis runs it
   * atomically, so the run is appended whole or, on an error, from its start up to that event).
   * Runs are issued in order on one connection, so per-stream order holds.
   */
  override async publishBatch(
    events: readonly GatewayEvent[],
  ): Promise<PromiseSettledResult<string>[]> {
    if (events.length <= 1) {
      return super.publishBatch(events);
    }
    const runs: { key: string; events: GatewayEvent[] }[] = [];
    for (const event of events) {
      const key = eventStreamKey(event.accountId);
      const last = runs.at(-1);
      if (last?.key === key) {
        last.events.push(event);
      } else {
        runs.push({ key, events: [event] });
      }
    }
    const settled = await Promise.allSettled(
      runs.map((run) =>
        this.scripted.qmtXaddAll(run.key, ...run.events.map((event) => JSON.stringify(event))),
      ),
    );
    return settled.flatMap((outcome, i): PromiseSettledResult<string>[] => {
      const run = runs[i]?.events ?? [];
      if (outcome.status === 'rejected') {
        return run.map(() => ({ status: 'rejected', reason: outcome.reason as unknown }));
      }
      return run.map((_, k) => {
        const id = outcome.value[k];
        return id === undefined
          ? { status: 'rejected', reason: new Error(`XADD to ${runs[i]?.key} returned no id`) }
          : { status: 'fulfilled', value: id };
      });
    });
  }
}
