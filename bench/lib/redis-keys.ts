// A benchmark leaves no keys behind: its BullMQ queues keep finished jobs (a day, up to 50,000),
// which over a few runs filled this machine's Redis with a million keys.
import { Redis } from 'ioredis';
import { BENCH_REDIS_URL } from './database.js';

/** Deletes every key matching one of the patterns (SCAN, then UNLINK in batches). */
export async function deleteKeys(patterns: readonly string[]): Promise<number> {
  const redis = new Redis(BENCH_REDIS_URL);
  let deleted = 0;
  try {
    for (const pattern of patterns) {
      for await (const keys of redis.scanStream({ match: pattern, count: 1000 })) {
        const batch = keys as string[];
        if (batch.length > 0) {
          deleted += await redis.unlink(...batch);
        }
      }
    }
  } finally {
    redis.disconnect();
  }
  return deleted;
}
