import type { Redis } from 'ioredis';

/**
 * The id to XREAD after so as to see every entry added from now on: the stream's last entry as
 * it is now, or its head when it does not exist yet. Not '$', which counts from when the XREAD
 * reaches Redis, so an entry added before that would be missed and its waiter wait for ever.
 */
export async function streamTail(redis: Redis, key: string): Promise<string> {
  const info = (await redis.xinfo('STREAM', key).catch(() => [])) as unknown[];
  const at = info.indexOf('last-generated-id');
  return at >= 0 ? String(info[at + 1]) : '0-0';
}
