// The risk service's controls through RiskCheckService itself: limit changes take effect at
// once and reach a second instance, bad documents change nothing, the kill switch refuses, lets
// a reducing sell through, survives a restart and never rate-limits its own cancels.
import { parseDeskConfig, type RiskCheckRequest } from '@qmt/contracts';
import { ExchangeClock } from '@qmt/runtime';
import { RiskControls } from '../controls/risk-controls.js';
import { InMemoryControlStore } from '../testing/in-memory-control-store.js';
import { riskHarness } from '../testing/risk-harness.js';

const DESK = parseDeskConfig(`
desk: { name: controls }
connectors: [{ id: sim-1, backend: sim }]
accounts:
  - id: ACC
    type: STOCK
    connector: sim-1
    brokerAccountId: '1'
    cash: 1000000
strategies:
  - { id: alpha, apiKey: a, accounts: [ACC] }
  - { id: beta, apiKey: b, accounts: [ACC] }
instruments:
  - { symbol: 000001.SZ, name: PingAn, preClose: 11.50 }
  - { symbol: 600000.SH, name: SPDB, preClose: 8.20 }
limits:
  global: { maxOrderQuantity: 10000, duplicateWindowMs: 0, maxCancelsPerSecond: 2 }
`);

let serial = 0;
const buy = (quantity: number, strategyId = 'alpha'): RiskCheckRequest => ({
  orderId: `Q${++serial}`,
  accountId: 'ACC',
  strategyId,
  symbol: '000001.SZ',
  side: 'BUY',
  orderType: 23,
  priceType: 11,
  price: 115_000 - (serial % 50) * 100,
  quantity,
});
const sell = (quantity: number): RiskCheckRequest => ({
  ...buy(quantity),
  symbol: '600000.SH',
  side: 'SELL',
  orderType: 24,
  price: 82_000,
});

async function instance(store = new InMemoryControlStore(), stepMs = 1_000) {
  let now = Date.parse('2026-11-24T02:00:00Z');
  const h = riskHarness({
    desk: DESK,
    clock: new ExchangeClock('continuous', () => new Date((now += stepMs))),
    store,
  });
  await h.controls.load();
  h.book.seedSellable('ACC', 'alpha', '600000.SH', 5_000);
  return h;
}

const ruleOf = (decision: { approved: boolean; rejection?: { rule: string } }) =>
  decision.approved ? 'APPROVED' : decision.rejection?.rule;

describe('limits', () => {
  it('seeds from the desk file and applies a change at once: at the cap passes, past it fails', async () => {
    const h = await instance();
    expect(ruleOf(await h.service.check(buy(10_000)))).toBe('APPROVED');
    expect(ruleOf(await h.service.check(buy(10_100)))).toBe('MAX_ORDER_QTY');
    const change = await h.admin.setLimits({
      document: { global: { maxOrderQuantity: 500, duplicateWindowMs: 0 } },
      by: 'risk-officer',
    });
    expect(change).toMatchObject({
      ok: true,
      version: 2,
      before: { global: { maxOrderQuantity: 10_000 } },
      after: { global: { maxOrderQuantity: 500 } },
    });
    expect(ruleOf(await h.service.check(buy(500)))).toBe('APPROVED');
    expect(ruleOf(await h.service.check(buy(600)))).toBe('MAX_ORDER_QTY');
  });

  it.each([
    ['an unknown rule', { global: { maxOrderQty: 5 } }, 'global.maxOrderQty'],
    ['a wrong type', { global: { maxOrderQuantity: 'many' } }, 'global.maxOrderQuantity'],
    ['a negative cap', { accounts: { ACC: { maxDailyLoss: -1 } } }, 'accounts.ACC.maxDailyLoss'],
    [
      'a ratio above 1',
      { strategies: { alpha: { maxCancelRatio: 1.01 } } },
      'strategies.alpha.maxCancelRatio',
    ],
  ])('refuses %s naming the path, and nothing changes', async (_what, document, path) => {
    const h = await instance();
    const before = h.admin.getLimits();
    const change = await h.admin.setLimits({ document, by: 'risk-officer' });
    expect(change.ok).toBe(false);
    expect(change.ok ? [] : change.errors.map((e) => e.path)).toContain(path);
    expect(h.admin.getLimits()).toEqual(before);
    expect(ruleOf(await h.service.check(buy(10_000)))).toBe('APPROVED');
  });

  it('reaches another instance on its next poll of the stored version', async () => {
    const store = new InMemoryControlStore();
    const a = await instance(store);
    const b = await instance(store);
    await a.admin.setLimits({ document: { global: { maxOrderQuantity: 200 } }, by: 'risk' });
    expect(ruleOf(await b.service.check(buy(300)))).toBe('APPROVED');
    expect(await b.controls.refresh()).toBe(true);
    expect(ruleOf(await b.service.check(buy(300)))).toBe('MAX_ORDER_QTY');
    expect(await b.controls.refresh()).toBe(false);
  });
});

describe('kill switch', () => {
  it('HALTED refuses every new order of the scope and no other', async () => {
    const h = await instance();
    await h.admin.setKillSwitch({
      scope: { type: 'strategy', id: 'alpha' },
      mode: 'HALTED',
      by: 'r',
      reason: '',
    });
    expect(ruleOf(await h.service.check(buy(100)))).toBe('KILL_SWITCH');
    expect(ruleOf(await h.service.check(sell(100)))).toBe('KILL_SWITCH');
    expect(ruleOf(await h.service.check(buy(100, 'beta')))).toBe('APPROVED');
  });

  it('REDUCE_ONLY lets a reducing sell through and refuses a buy', async () => {
    const h = await instance();
    await h.admin.setKillSwitch({
      scope: { type: 'account', id: 'ACC' },
      mode: 'REDUCE_ONLY',
      by: 'r',
      reason: '',
    });
    expect(ruleOf(await h.service.check(sell(5_000)))).toBe('APPROVED');
    expect(ruleOf(await h.service.check(buy(100)))).toBe('KILL_SWITCH');
  });

  it('survives a restart: a new instance over the same store starts HALTED', async () => {
    const store = new InMemoryControlStore();
    const first = await instance(store);
    await first.admin.setKillSwitch({
      scope: { type: 'global' },
      mode: 'HALTED',
      by: 'r',
      reason: '',
    });
    const restarted = await instance(store);
    expect(ruleOf(await restarted.service.check(buy(100, 'beta')))).toBe('KILL_SWITCH');
  });

  it('refuses an unknown scope or a global id, naming the field', async () => {
    const h = await instance();
    const unknown = await h.admin.setKillSwitch({
      scope: { type: 'account', id: 'NOPE' },
      mode: 'HALTED',
      by: 'r',
      reason: '',
    });
    expect(unknown).toEqual({
      ok: false,
      errors: [{ path: 'scope.id', message: 'unknown account NOPE' }],
    });
    const missing = await h.admin.setKillSwitch({
      scope: { type: 'strategy' },
      mode: 'HALTED',
      by: 'r',
      reason: '',
    });
    expect(missing.ok ? [] : missing.errors.map((e) => e.path)).toEqual(['scope.id']);
    expect(ruleOf(await h.service.check(buy(100)))).toBe('APPROVED');
  });

  it('never rate-limits the cancels of a switched scope; outside it the cancel rate holds', async () => {
    // A frozen clock: every cancel falls in the same second (the cap is 2 per second).
    const h = await instance(new InMemoryControlStore(), 0);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const request = buy(100);
      expect(ruleOf(await h.service.check(request))).toBe('APPROVED');
      ids.push(request.orderId);
    }
    const cancel = (orderId: string) =>
      h.service.requestCancel({
        orderId,
        accountId: 'ACC',
        strategyId: 'alpha',
        brokerOrderId: null,
      });
    const plain = [];
    for (const id of ids.slice(0, 3)) {
      plain.push(ruleOf(await cancel(id)));
    }
    expect(plain).toEqual(['APPROVED', 'APPROVED', 'CANCEL_RATE']);
    await h.admin.setKillSwitch({
      scope: { type: 'strategy', id: 'alpha' },
      mode: 'HALTED',
      by: 'r',
      reason: '',
    });
    const switched = await Promise.all(ids.slice(2).map(cancel));
    expect(switched.map(ruleOf)).toEqual(['APPROVED', 'APPROVED', 'APPROVED', 'APPROVED']);
  });
});

describe('controls store', () => {
  it('keeps the table, not the desk file, after the first start', async () => {
    const store = new InMemoryControlStore();
    const h = await instance(store);
    await h.admin.setLimits({ document: { global: { maxOrderQuantity: 300 } }, by: 'r' });
    const again = new RiskControls(store, h.desk, h.clock, h.logger);
    await again.load();
    expect(again.version).toBe(2);
    expect(again.limits.global.maxOrderQuantity).toBe(300);
  });
});
