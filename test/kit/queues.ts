// Cleanup for tests of BullMQ queues: everything under one key prefix (Redis) or schema (BullMQ's
// PostgreSQL backend) goes, so a run leaves nothing behind on the shared servers.
import { Redis } from 'ioredis';
import pg from 'pg';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function dropQueueNamespace(
  kind: 'redis' | 'postgres',
  namespace: string,
): Promise<void> {
  if (kind === 'redis') {
    const redis = new Redis(REDIS_URL);
    try {
      const keys = await redis.keys(`${namespace}:*`);
      if (keys.length > 0) {
        await redis.del(...keys);
      }
    } finally {
      redis.disconnect();
    }
    return;
  }
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${namespace}" CASCADE`);
  } finally {
    await client.end();
  }
}
