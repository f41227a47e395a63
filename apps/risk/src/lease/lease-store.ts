import type { Redis } from 'ioredis';

/** Leases with expiry, one key per account; only the holder may renew or release one. */
export interface LeaseStore {
  /** Takes the lease when free; true when `owner` holds it afterwards (renewed if it already did). */
  acquire(key: string, owner: string, ttlMs: number): Promise<boolean>;
  release(key: string, owner: string): Promise<void>;
  holder(key: string): Promise<string | null>;
  close(): Promise<void>;
}

// Renew when we hold it, take it when free, in one step so two instances never both win.
const ACQUIRE = `
local current = redis.call('GET', KEYS[1])
if current == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
if current == false then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return 1
end
return 0`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

export class RedisLeaseStore implements LeaseStore {
  constructor(private readonly redis: Redis) {}

  async acquire(key: string, owner: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.eval(ACQUIRE, 1, key, owner, String(ttlMs))) === 1;
  }

  async release(key: string, owner: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, key, owner);
  }

  holder(key: string): Promise<string | null> {
    return this.redis.get(key);
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => undefined);
  }
}

/** The same semantics in memory, on a clock the tests move (takeover after expiry). */
export class InMemoryLeaseStore implements LeaseStore {
  private readonly leases = new Map<string, { owner: string; until: number }>();

  constructor(private readonly nowMs: () => number) {}

  acquire(key: string, owner: string, ttlMs: number): Promise<boolean> {
    const now = this.nowMs();
    const lease = this.leases.get(key);
    if (lease === undefined || lease.until <= now || lease.owner === owner) {
      this.leases.set(key, { owner, until: now + ttlMs });
      return Promise.resolve(true);
    }
    return Promise.resolve(false);
  }

  release(key: string, owner: string): Promise<void> {
    if (this.leases.get(key)?.owner === owner) {
      this.leases.delete(key);
    }
    return Promise.resolve();
  }

  holder(key: string): Promise<string | null> {
    const lease = this.leases.get(key);
    return Promise.resolve(lease === undefined || lease.until <= this.nowMs() ? null : lease.owner);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
