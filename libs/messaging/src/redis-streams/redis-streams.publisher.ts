import { eventStreamKey, type GatewayEvent } from '@qmt/contracts';
import type { Redis } from 'ioredis';
import { EventPublisher } from '../ports/event-publisher.port.js';

/** XADD qmt:events:{accountId} * event <json>. */
export class RedisStreamsPublisher extends EventPublisher {
  constructor(private readonly redis: Redis) {
    super();
  }

  async publish(event: GatewayEvent): Promise<string> {
    const id = await this.redis.xadd(
      eventStreamKey(event.accountId),
      '*',
      'event',
      JSON.stringify(event),
    );
    if (id === null) {
      throw new Error(`XADD to ${eventStreamKey(event.accountId)} returned no id`);
    }
    return id;
  }
}
