import { eventStreamKey, type GatewayEvent } from '@qmt/contracts';
import type { Redis } from 'ioredis';
import { EventPublisher } from '../ports/event-publisher.port.js';
import { EVENT_FIELD } from './stream-entries.js';

/** XADD qmt:events:{accountId} * event <json>: one field, the whole envelope. */
export class RedisStreamsPublisher extends EventPublisher {
  constructor(private readonly redis: Redis) {
    super();
  }

  async publish(event: GatewayEvent): Promise<string> {
    const key = eventStreamKey(event.accountId);
    const id = await this.redis.xadd(key, '*', EVENT_FIELD, JSON.stringify(event));
    if (id === null) {
      throw new Error(`XADD to ${key} returned no id`);
    }
    return id;
  }
}
