// Daily loss → REDUCE_ONLY by itself (issue 5 §5): a loss exactly at the cap leaves the book
// alone, a loss just past it moves the strategy to REDUCE_ONLY with an audit record and a metric;
// from then on a buy is refused and a reducing sell passes.
import { parseDeskConfig, type RiskCheckRequest } from '@qmt/contracts';
import { asPrice, type AuditEntry, type Quote } from '@qmt/domain';
import { ExchangeClock } from '@qmt/runtime';
import type { AlgoMarketData } from '../algo/algo-market-data.port.js';
import { SoleOwnership } from '../lease/account-ownership.js';
import { riskHarness } from '../testing/risk-harness.js';
import { LossMonitor } from './loss-monitor.js';

// alpha holds 10,000 600000.SH from 8.20: each 0.01 CNY down is 100 CNY of loss; the cap is 5,000.
const DESK = parseDeskConfig(`
desk: { name: loss }
connectors: [{ id: sim-1, backend: sim }]
accounts:
  - id: ACC
    type: STOCK
    connector: sim-1
    brokerAccountId: '1'
    cash: 1000000
strategies:
  - { id: alpha, apiKey: a, accounts: [ACC] }
instruments:
  - { symbol: 600000.SH, name: SPDB, preClose: 8.20 }
  - { symbol: 000001.SZ, name: PingAn, preClose: 11.50 }
limits:
  global: { maxDailyLoss: 5000, duplicateWindowMs: 0 }
`);

class Quotes {
  last = 82_000;
  quote(): Promise<Quote> {
    return Promise.resolve({ bid: null, ask: null, last: asPrice(this.last) });
  }
}

async function setup() {
  const h = riskHarness({
    desk: DESK,
    clock: new ExchangeClock('continuous', () => new Date('2026-11-24T02:00:00Z')),
  });
  await h.controls.load();
  h.book.rollDay('2026-11-24');
  h.book.seedSellable('ACC', 'alpha', '600000.SH', 10_000);
  const quotes = new Quotes();
  const audit: AuditEntry[] = [];
  const monitor = new LossMonitor(
    h.book,
    h.controls,
    h.admin,
    new SoleOwnership(),
    h.desk,
    quotes as unknown as AlgoMarketData,
    { record: (entry) => Promise.resolve(void audit.push(entry)) },
    h.metrics,
    h.logger,
  );
  return { h, quotes, audit, monitor };
}

const order = (side: 'BUY' | 'SELL', n: number): RiskCheckRequest => ({
  orderId: `L${n}`,
  accountId: 'ACC',
  strategyId: 'alpha',
  symbol: side === 'BUY' ? '000001.SZ' : '600000.SH',
  side,
  orderType: side === 'BUY' ? 23 : 24,
  priceType: 11,
  price: side === 'BUY' ? 115_000 : 77_000,
  quantity: 100,
});

describe('the loss monitor', () => {
  it('leaves a loss exactly at the cap alone', async () => {
    const { h, quotes, monitor } = await setup();
    quotes.last = 77_000; // −0.50 × 10,000 = −5,000.00
    expect(await monitor.tick()).toEqual([]);
    expect(String(h.book.dailyPnl('ACC', 'alpha'))).toBe('-50000000');
    expect(h.controls.killSwitch.strategies.get('alpha')).toBeUndefined();
  });

  it('moves the strategy to REDUCE_ONLY one unit past the cap, audited and counted', async () => {
    const { h, quotes, audit, monitor } = await setup();
    quotes.last = 76_999;
    expect(await monitor.tick()).toEqual([{ type: 'strategy', id: 'alpha' }]);
    expect(h.controls.killSwitch.strategies.get('alpha')).toBe('REDUCE_ONLY');
    expect(audit).toEqual([
      expect.objectContaining({
        type: 'KILL_SWITCH',
        actor: 'risk',
        detail: expect.objectContaining({
          after: 'REDUCE_ONLY',
          cause: 'DAILY_LOSS',
          pnl: '-5001',
        }) as unknown,
      }),
    ]);
    const metric = await h.metrics.riskLossBreaches.get();
    expect(metric.values).toEqual([
      expect.objectContaining({ labels: { scope: 'strategy' }, value: 1 }),
    ]);
    const buy = await h.service.check(order('BUY', 1));
    expect(buy).toMatchObject({ approved: false, rejection: { rule: 'KILL_SWITCH' } });
    expect(await h.service.check(order('SELL', 2))).toEqual({ approved: true });
    // Once moved, later ticks change nothing (an operator's later choice stands).
    expect(await monitor.tick()).toEqual([]);
    expect(audit).toHaveLength(1);
  });
});
