import { parseDeskConfig } from '@qmt/contracts';
import { ExchangeClock } from '@qmt/runtime';
import { riskHarness } from '../testing/risk-harness.js';
import { FlowGauges } from './flow-gauges.js';

const DESK = `
desk: { name: test }
connectors: [{ id: sim-1, backend: sim }]
accounts:
  - { id: ACC, type: STOCK, connector: sim-1, brokerAccountId: '1', cash: 1000000 }
strategies:
  - { id: alpha, apiKey: a, accounts: [ACC] }
instruments:
  - { symbol: 000001.SZ, name: PingAn, preClose: 11.50 }
limits:
  global: { maxDailyOrders: 4, maxDailyCancels: 10 }
`;

describe('the daily budget gauges', () => {
  it("show each book's orders and cancels today as a share of the limits in force", async () => {
    const clock = new ExchangeClock('continuous', () => new Date('2026-11-24T02:00:00Z'));
    const harness = riskHarness({ desk: parseDeskConfig(DESK), clock });
    await harness.controls.load();
    const gauges = new FlowGauges(harness.metrics, harness.flow, harness.controls, clock);
    gauges.onModuleInit();
    const day = clock.tradingDay();
    const at = clock.now().getTime();
    for (let i = 0; i < 3; i++) {
      harness.flow.recordOrder('ACC', 'alpha', at, day);
    }
    harness.flow.recordCancel('ACC', 'alpha', at, day);
    const usage = (await harness.metrics.book.limitUsage.get()).values.map((v) => ({
      limit: v.labels.limit,
      value: v.value,
    }));
    expect(usage).toEqual([
      { limit: 'MAX_DAILY_ORDERS', value: 0.75 },
      { limit: 'MAX_DAILY_CANCELS', value: 0.1 },
    ]);
  });
});

describe('the programmatic-trading usage gauges', () => {
  it("show each account's busiest second since the last scrape and today's messages", async () => {
    let now = Date.parse('2026-11-24T02:00:00.100Z');
    const clock = new ExchangeClock('continuous', () => new Date(now));
    const harness = riskHarness({ desk: parseDeskConfig(DESK), clock });
    await harness.controls.load();
    const gauges = new FlowGauges(harness.metrics, harness.flow, harness.controls, clock);
    gauges.onModuleInit();
    const day = clock.tradingDay();
    // Three messages in one second, then one in the next: the peak is three.
    harness.flow.recordOrder('ACC', 'alpha', now, day);
    harness.flow.recordOrder('ACC', 'alpha', now + 10, day);
    harness.flow.recordCancel('ACC', 'alpha', now + 20, day);
    now += 1_000;
    harness.flow.recordOrder('ACC', 'alpha', now, day);
    const shares = async (): Promise<Record<string, number>> =>
      Object.fromEntries(
        (await harness.metrics.riskProgrammaticUsage.get()).values
          .filter((v) => v.labels.account === 'ACC')
          .map((v) => [String(v.labels.threshold), v.value] as const),
      );
    // Config defaults: 300 messages a second, 20,000 a day.
    expect(await shares()).toEqual({ perSecond: 3 / 300, perDay: 4 / 20_000 });
    // The next scrape starts the peak again: nothing since, so 0; the day keeps its count.
    gauges.showProgrammaticUsage();
    expect(await shares()).toEqual({ perSecond: 0, perDay: 4 / 20_000 });
  });
});
