// The Redis lease (issue 5 §7) against a real Redis: one owner at a time, renewal only by the
// owner, takeover once the TTL has run out, release only by the owner.
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { RedisLeaseStore } from './lease-store.js';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('RedisLeaseStore', () => {
  const redis = new Redis(REDIS_URL);
  const store = new RedisLeaseStore(redis);
  const key = `qmt:test:lease:${randomUUID()}`;

  afterAll(async () => {
    await redis.del(key);
    await store.close();
  });

  it('gives the account to one instance, renews it only for that one, hands it over after the TTL', async () => {
    expect(await store.acquire(key, 'risk-a', 300)).toBe(true);
    expect(await store.acquire(key, 'risk-b', 300)).toBe(false);
    expect(await store.holder(key)).toBe('risk-a');
    expect(await store.acquire(key, 'risk-a', 300)).toBe(true);
    await store.release(key, 'risk-b');
    expect(await store.holder(key)).toBe('risk-a');
    await new Promise((done) => setTimeout(done, 400));
    expect(await store.holder(key)).toBe(null);
    expect(await store.acquire(key, 'risk-b', 300)).toBe(true);
    await store.release(key, 'risk-b');
    expect(await store.holder(key)).toBe(null);
  });
});
