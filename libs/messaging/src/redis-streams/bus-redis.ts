import { Redis } from 'ioredis';

/**
 * The bus's shared Redis client (publishers, health, dead letters). Auto-pipelining sends every
 * command issued in one event-loop turn in one write: a connector publishing the events of 64
 * route jobs at once pays one socket write, not 64, and each connection keeps its order.
 * maxRetriesPerRequest null: commands wait out a Redis restart instead of failing after 20 tries.
 * Blocking reads and BullMQ use connections of their own without it.
 */
export function createBusRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableAutoPipelining: true });
}
