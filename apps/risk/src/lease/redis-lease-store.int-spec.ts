// The Redis lease (issue 5 §7) against a real Redis: one owner at a time, renewal only by the
// owner, takeover once the TTL has run out, release only by the owner.
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { riskInstanceKey } from './account-leases.js';
import { RedisLeaseStore, RedisRiskInstances } from './lease-store.js';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('RedisLeaseStore', () => {
  const redis = new Redis(REDIS_URL);
  const store = new RedisLeaseStore(redis);
  const key = `qmt:test:lease:${randomUUID()}`;

  const instance = `test-${randomUUID()}`;

  afterAll(async () => {
    await redis.del(key, riskInstanceKey(instance));
    await store.close();
  });

  it('announces an address an OMS reads back until its TTL runs out', async () => {
    const reader = new RedisRiskInstances(new Redis(REDIS_URL));
    try {
      await store.announce(riskInstanceKey(instance), '10.0.0.7:50052', 300);
      expect(await reader.addressOf(instance)).toBe('10.0.0.7:50052');
      await new Promise((done) => setTimeout(done, 400));
      expect(await reader.addressOf(instance)).toBeNull();
    } finally {
      await reader.close();
    }
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
