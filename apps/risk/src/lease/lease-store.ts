import type { Redis } from 'ioredis';
import type { RiskInstanceDirectory } from '../api/lease-following-risk.gateway.js';
import { RISK_LEASE_KEY_PREFIX, leaseKey, riskInstanceKey } from './account-leases.js';

/** Leases with expiry, one key per account; only the holder may renew or release one. */
export interface LeaseStore {
  /** Takes the lease when free; true when `owner` holds it afterwards (renewed if it already did). */
  acquire(key: string, owner: string, ttlMs: number): Promise<boolean>;
  release(key: string, owner: string): Promise<void>;
  /** The value at `key` (a lease's holder, an instance's announced address), null when none. */
  holder(key: string): Promise<string | null>;
  /** Sets `key` to `value` for `ttlMs` whoever held it: an instance announcing its address. */
  announce(key: string, value: string, ttlMs: number): Promise<void>;
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

  async announce(key: string, value: string, ttlMs: number): Promise<void> {
    await this.redis.set(key, value, 'PX', ttlMs);
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

  announce(key: string, value: string, ttlMs: number): Promise<void> {
    this.leases.set(key, { owner: value, until: this.nowMs() + ttlMs });
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** The addresses leased risk instances announce (AccountLeases), read from Redis by an OMS. */
export class RedisRiskInstances implements RiskInstanceDirectory {
  constructor(private readonly redis: Redis) {}

  addressOf(instanceId: string): Promise<string | null> {
    return this.redis.get(riskInstanceKey(instanceId));
  }

  ownerOf(accountId: string): Promise<string | null> {
    return this.redis.get(leaseKey(RISK_LEASE_KEY_PREFIX, accountId));
  }

  async close(): Promise<void> {
    // A lazy client nothing ever asked (a lone risk instance never redirects) has no connection.
    if (this.redis.status === 'wait') {
      this.redis.disconnect();
      return;
    }
    await this.redis.quit().catch(() => undefined);
  }
}
