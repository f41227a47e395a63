// Each account owned by exactly one risk instance (issue 5 §7): two instances, one account each;
// the survivor takes the dead one's account once its lease has expired, never before; a check
// on an account this instance does not hold is refused before anything is reserved.
import { parseDeskConfig } from '@qmt/contracts';
import { ExchangeClock } from '@qmt/runtime';
import { riskHarness } from '../testing/risk-harness.js';
import { AccountLeases, riskInstanceKey } from './account-leases.js';
import { InMemoryLeaseStore } from './lease-store.js';

const TTL = 10_000;

function twoInstances() {
  let now = 1_000_000;
  const clock = () => now;
  const store = new InMemoryLeaseStore(clock);
  const lease = (instanceId: string, preferred: string[], address?: string) =>
    new AccountLeases(
      store,
      {
        instanceId,
        preferred,
        accounts: ['A1', 'A2'],
        ttlMs: TTL,
        keyPrefix: 'lease',
        takeOver: true,
        ...(address === undefined ? {} : { address }),
      },
      clock,
    );
  return {
    store,
    lease,
    a: lease('risk-a', ['A1']),
    b: lease('risk-b', ['A2']),
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('account leases', () => {
  it('tells its listeners each account gained and lost, once, and all lost at shutdown', async () => {
    const { a, b, advance } = twoInstances();
    const told: { gained: readonly string[]; lost: readonly string[] }[] = [];
    a.onChange((change) => {
      told.push(change);
      return Promise.resolve();
    });
    await a.renew();
    await a.renew();
    expect(told).toEqual([{ gained: ['A1'], lost: [] }]);
    // b never shows up: after one TTL a takes A2 over.
    advance(TTL);
    await a.renew();
    expect(told.at(-1)).toEqual({ gained: ['A2'], lost: [] });
    await a.releaseAll();
    expect(told.at(-1)).toEqual({ gained: [], lost: ['A1', 'A2'] });
    expect(await b.renew()).toEqual(['A2']);
  });

  it('tells its listeners of a lease lapsed while Redis fails, though the renewal fails too', async () => {
    let now = 1_000_000;
    const store = new InMemoryLeaseStore(() => now);
    let down = false;
    const failing = Object.assign(Object.create(store) as InMemoryLeaseStore, {
      acquire: (key: string, owner: string, ttl: number) =>
        down ? Promise.reject(new Error('Redis is down')) : store.acquire(key, owner, ttl),
    });
    const leases = new AccountLeases(
      failing,
      {
        instanceId: 'risk-a',
        preferred: ['A1'],
        accounts: ['A1'],
        ttlMs: TTL,
        keyPrefix: 'lease',
        takeOver: false,
      },
      () => now,
    );
    const told: { gained: readonly string[]; lost: readonly string[] }[] = [];
    leases.onChange((change) => {
      told.push(change);
      return Promise.resolve();
    });
    await leases.renew();
    down = true;
    now += TTL;
    await expect(leases.renew()).rejects.toThrow('Redis is down');
    expect(told).toEqual([
      { gained: ['A1'], lost: [] },
      { gained: [], lost: ['A1'] },
    ]);
  });

  it('announces the address with each renewal for one TTL, and withdraws it at shutdown', async () => {
    const { store, lease, advance } = twoInstances();
    const c = lease('risk-c', ['A1'], '10.0.0.3:50052');
    await c.renew();
    expect(await store.holder(riskInstanceKey('risk-c'))).toBe('10.0.0.3:50052');
    advance(TTL - 1);
    await c.renew();
    advance(TTL - 1);
    expect(await store.holder(riskInstanceKey('risk-c'))).toBe('10.0.0.3:50052');
    advance(1);
    expect(await store.holder(riskInstanceKey('risk-c'))).toBeNull();
    await c.renew();
    await c.releaseAll();
    expect(await store.holder(riskInstanceKey('risk-c'))).toBeNull();
    expect(await store.holder('lease:A1')).toBeNull();
  });

  it('gives each instance its own account and never both the same one', async () => {
    const { a, b } = twoInstances();
    expect(await a.renew()).toEqual(['A1']);
    expect(await b.renew()).toEqual(['A2']);
    expect([a.holds('A1'), a.holds('A2'), b.holds('A1'), b.holds('A2')]).toEqual([
      true,
      false,
      false,
      true,
    ]);
    expect(a.ownerOf('A2')).toBe(null);
  });

  it('takes a dead instance account over once its lease expired, not a moment before', async () => {
    const { a, b, advance } = twoInstances();
    await a.renew();
    await b.renew();
    // b dies: it renews no more. a renews every third of the TTL.
    advance(TTL / 3);
    await a.renew();
    advance(TTL / 3);
    expect(await a.renew()).toEqual(['A1']);
    advance(TTL / 3 - 1);
    expect(await a.renew()).toEqual(['A1']);
    expect(b.holds('A2')).toBe(true);
    advance(1);
    // b's own deadline passed first: it would stop routing A2 even if it were alive.
    expect(b.holds('A2')).toBe(false);
    expect(await a.renew()).toEqual(['A1', 'A2']);
    // b comes back: A2 is a's now; when a shuts down (releasing), b takes both at once.
    expect(await b.renew()).toEqual([]);
    await a.releaseAll();
    expect(await b.renew()).toEqual(['A1', 'A2']);
  });

  it('refuses orders for an account the instance does not hold, reserving nothing', async () => {
    const { a } = twoInstances();
    await a.renew();
    const h = riskHarness({
      desk: parseDeskConfig(`
desk: { name: leases }
connectors: [{ id: sim-1, backend: sim }]
accounts:
  - { id: A1, type: STOCK, connector: sim-1, brokerAccountId: '1', cash: 100000 }
  - { id: A2, type: STOCK, connector: sim-1, brokerAccountId: '2', cash: 100000 }
strategies:
  - { id: alpha, apiKey: a, accounts: [A1, A2] }
instruments:
  - { symbol: 000001.SZ, name: PingAn, preClose: 11.50 }
`),
      clock: new ExchangeClock('continuous', () => new Date('2026-11-24T02:00:00Z')),
      ownership: a,
    });
    await h.controls.load();
    const order = (accountId: string) => ({
      orderId: `O-${accountId}`,
      accountId,
      strategyId: 'alpha',
      symbol: '000001.SZ',
      side: 'BUY' as const,
      orderType: 23,
      priceType: 11,
      price: 115_000,
      quantity: 100,
    });
    expect(await h.service.check(order('A1'))).toEqual({ approved: true });
    expect(await h.service.check(order('A2'))).toMatchObject({
      approved: false,
      rejection: {
        rule: 'CONNECTOR_UNAVAILABLE',
        details: { reason: 'ACCOUNT_NOT_OWNED', instance: 'risk-a' },
      },
    });
    expect(h.book.openOrderCount('A2')).toBe(0);
    expect(h.routes.jobs.map((j) => j.job.orderId)).toEqual(['O-A1']);
  });
});
