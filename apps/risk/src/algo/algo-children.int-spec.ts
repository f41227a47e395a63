// An algo child whose account's lease moved while its bucket ran: the job is deferred to the new
// owner (AlgoJobDeferred) with the child still PENDING_RISK, never rejected for good; the same
// child is checked and approved once this instance holds the account again. Real Postgres.
import { parseDeskConfig } from '@qmt/contracts';
import { AlgoJobDeferred } from '@qmt/messaging';
import { OrderStore, type AlgoOrderRecord } from '@qmt/persistence';
import { openTestDataSource, type TestDataSource } from '@qmt/persistence/testing';
import { ExchangeClock } from '@qmt/runtime';
import { AccountOwnership } from '../lease/account-ownership.js';
import { riskHarness } from '../testing/risk-harness.js';
import { AlgoChildren, algoChildOrderId } from './algo-children.js';

/** Holds the account or not, as the test says. */
class SwitchedOwnership extends AccountOwnership {
  readonly instanceId = 'risk-a';
  held = false;
  holds(): boolean {
    return this.held;
  }
  ownerOf(): string | null {
    return this.held ? this.instanceId : 'risk-b';
  }
}

const DESK = parseDeskConfig(`
desk: { name: algo-children }
connectors: [{ id: sim-1, backend: sim }]
accounts:
  - { id: A1, type: STOCK, connector: sim-1, brokerAccountId: '1', cash: 1000000 }
strategies:
  - { id: alpha, apiKey: a, accounts: [A1] }
instruments:
  - { symbol: 000001.SZ, name: PingAn, preClose: 11.50 }
`);
const NOW = new Date('2026-11-24T02:00:00Z');

const parent: AlgoOrderRecord = {
  parentId: 'QPARENT0000000000001',
  accountId: 'A1',
  strategyId: 'alpha',
  symbol: '000001.SZ',
  side: 'BUY',
  quantity: 1_000,
  algoType: 'TWAP',
  urgency: 'NEUTRAL',
  maxParticipation: null,
  limitPrice: null,
  tradingDay: '2026-11-24',
  startAt: NOW,
  endAt: new Date(NOW.getTime() + 600_000),
  bucketSeconds: 60,
  createdAt: NOW,
  profileSource: null,
  schedule: null,
  control: 'RUNNING',
  state: 'WORKING',
  nextBucket: 0,
  armedAt: NOW,
  finishedAt: null,
  updatedAt: NOW,
};

describe('AlgoChildren when the account lease moves mid-bucket', () => {
  let postgres: TestDataSource;

  beforeAll(async () => {
    postgres = await openTestDataSource();
  });

  afterAll(() => postgres?.close());

  it('defers the job with the child PENDING_RISK, then approves the same child for the owner', async () => {
    const ownership = new SwitchedOwnership();
    const h = riskHarness({
      desk: DESK,
      clock: new ExchangeClock('continuous', () => NOW),
      ownership,
    });
    await h.controls.load();
    const orders = new OrderStore(postgres.dataSource);
    const children = new AlgoChildren(orders, h.service);
    const childId = algoChildOrderId(parent.parentId, 0, NOW);
    const place = () => children.place(parent, 0, childId, 100, 115_000, NOW);

    await expect(place()).rejects.toBeInstanceOf(AlgoJobDeferred);
    const waiting = await orders.getDetail(childId);
    expect(waiting?.order.view.state).toBe('PENDING_RISK');
    expect(waiting?.events.map((e) => e.type)).toEqual(['CREATED']);
    expect(h.routes.jobs).toEqual([]);

    ownership.held = true;
    const placed = await place();
    expect(placed.child.orderId).toBe(childId);
    expect(placed.decision).toEqual({ approved: true });
    const checked = await orders.getDetail(childId);
    expect(checked?.order.view.state).not.toBe('PENDING_RISK');
    expect(checked?.order.view.state).not.toBe('REJECTED');
    expect(h.routes.jobs.map((j) => j.job.orderId)).toEqual([childId]);
  });
});
