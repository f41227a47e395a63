import { parseDeskConfig } from '@qmt/contracts';
import { ExchangeClock } from '@qmt/runtime';
import { riskHarness } from '../testing/risk-harness.js';

const DESK = `
desk: { name: test }
connectors: [{ id: sim-1, backend: sim }]
accounts:
  - id: ACC
    type: STOCK
    connector: sim-1
    brokerAccountId: '1'
    cash: 2000
    positions: [{ symbol: 600000.SH, quantity: 1000, book: alpha }]
strategies:
  - { id: alpha, apiKey: a, accounts: [ACC] }
  - { id: beta, apiKey: b, accounts: [ACC] }
instruments:
  - { symbol: 000001.SZ, name: PingAn, preClose: 11.50 }
  - { symbol: 600000.SH, name: SPDB, preClose: 8.20 }
`;

async function setup(session: 'continuous' | 'wall' = 'continuous') {
  const harness = riskHarness({
    desk: parseDeskConfig(DESK),
    clock: new ExchangeClock(session, () => new Date('2026-11-24T12:00:00Z')),
  });
  await harness.controls.load();
  harness.book.seedSellable('ACC', 'alpha', '600000.SH', 1000);
  return { service: harness.service, routes: harness.routes, book: harness.book };
}

const buy = (orderId: string, strategyId: string) => ({
  orderId,
  accountId: 'ACC',
  strategyId,
  symbol: '000001.SZ',
  side: 'BUY' as const,
  orderType: 23,
  priceType: 11,
  price: 116000,
  quantity: 100,
});

describe('RiskCheckService', () => {
  it('never lets two strategies racing on one account spend the same cash', async () => {
    const { service, routes } = await setup();
    // 2,000 CNY of cash; each order needs 1,160 + 5 fees.
    const [first, second] = await Promise.all([
      service.check(buy('Q1', 'alpha')),
      service.check(buy('Q2', 'beta')),
    ]);
    expect(first).toEqual({ approved: true });
    expect(second).toMatchObject({ approved: false, rejection: { rule: 'INSUFFICIENT_CASH' } });
    expect(routes.jobs.map((j) => j.job.orderId)).toEqual(['Q1']);
    expect(routes.jobs[0]).toMatchObject({
      connectorId: 'sim-1',
      job: { kind: 'PLACE', remark: 'Q1', price: 116000 },
    });
  });

  it('releases the reservation when the order ends, so the cash is usable again', async () => {
    const { service, book } = await setup();
    expect(await service.check(buy('Q1', 'alpha'))).toEqual({ approved: true });
    book.apply({
      eventId: 'x',
      type: 'ORDER_STATUS',
      accountId: 'ACC',
      orderId: 'Q1',
      ts: '2026-11-24T02:00:00Z',
      source: 'test',
      payload: {
        xtStatus: 54,
        brokerOrderId: 1,
        brokerSysId: '1',
        symbol: '000001.SZ',
        orderType: 23,
        quantity: 100,
        filledQuantity: 0,
        avgFillPrice: 0,
        brokerPriceType: 50,
        message: '',
        orderTime: '',
      },
    });
    expect(await service.check(buy('Q2', 'beta'))).toEqual({ approved: true });
  });

  it('lets a strategy sell only what its own book holds', async () => {
    const { service } = await setup();
    const sell = (orderId: string, strategyId: string) => ({
      ...buy(orderId, strategyId),
      symbol: '600000.SH',
      side: 'SELL' as const,
      orderType: 24,
      price: 82000,
      quantity: 600,
    });
    expect(await service.check(sell('S1', 'beta'))).toMatchObject({
      rejection: { rule: 'INSUFFICIENT_POSITION' },
    });
    expect(await service.check(sell('S2', 'alpha'))).toEqual({ approved: true });
    // The open sell holds 600 of alpha's 1,000 shares.
    expect(await service.check(sell('S3', 'alpha'))).toMatchObject({
      rejection: { rule: 'INSUFFICIENT_POSITION' },
    });
  });

  it('names the rule for unknown instruments, foreign strategies and a closed session', async () => {
    const { service } = await setup();
    expect(await service.check({ ...buy('Q1', 'alpha'), symbol: '600519.SH' })).toMatchObject({
      rejection: { rule: 'UNKNOWN_INSTRUMENT' },
    });
    expect(await service.check(buy('Q2', 'gamma'))).toMatchObject({
      rejection: { rule: 'ACCOUNT_NOT_PERMITTED' },
    });
    // 20:00 in Shanghai on the wall clock.
    expect(await (await setup('wall')).service.check(buy('Q3', 'alpha'))).toMatchObject({
      rejection: { rule: 'SESSION_CLOSED' },
    });
  });

  it("puts the account's share of the programmatic-trading thresholds on the gauges, this order included", async () => {
    const harness = riskHarness({
      desk: parseDeskConfig(DESK),
      clock: new ExchangeClock('continuous', () => new Date('2026-11-24T02:00:00Z')),
    });
    await harness.controls.load();
    harness.book.seedSellable('ACC', 'alpha', '600000.SH', 1000);
    // Sells of what the book holds, each of another size (no duplicates, no cash needed).
    for (const [orderId, quantity] of [
      ['Q1', 100],
      ['Q2', 200],
      ['Q3', 300],
    ] as const) {
      const sell = { ...buy(orderId, 'alpha'), symbol: '600000.SH', side: 'SELL' as const };
      expect(
        await harness.service.check({ ...sell, orderType: 24, price: 82_000, quantity }),
      ).toEqual({ approved: true });
    }
    const gauge = await harness.metrics.riskProgrammaticUsage.get();
    const share = (threshold: string) =>
      gauge.values.find((v) => v.labels.account === 'ACC' && v.labels.threshold === threshold)
        ?.value;
    // Three messages this second of the 300 allowed, and of the 20,000 a day (config defaults).
    expect(share('perSecond')).toBeCloseTo(3 / 300, 10);
    // Whole percent unchanged since the first order: the gauge still shows that one.
    expect(share('perDay')).toBeCloseTo(1 / 20_000, 10);
  });
});
