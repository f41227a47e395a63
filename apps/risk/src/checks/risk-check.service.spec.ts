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

async function setup(
  session: 'continuous' | 'wall' = 'continuous',
  { at = '2026-11-24T12:00:00Z', holidays = [] as string[] } = {},
) {
  const harness = riskHarness({
    desk: parseDeskConfig(`${DESK}calendar: { holidays: ${JSON.stringify(holidays)} }\n`),
    clock: new ExchangeClock(session, () => new Date(at)),
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

  it('refuses orders on an exchange holiday the desk lists, and takes them the next trading day', async () => {
    // 10:00 in Shanghai, continuous trading on a Tuesday.
    const tuesday = { at: '2026-11-24T02:00:00Z' };
    expect(await (await setup('wall', tuesday)).service.check(buy('H1', 'alpha'))).toEqual({
      approved: true,
    });
    const holiday = await setup('wall', { ...tuesday, holidays: ['2026-11-24'] });
    expect(await holiday.service.check(buy('H2', 'alpha'))).toMatchObject({
      approved: false,
      rejection: { rule: 'SESSION_CLOSED' },
    });
    const dayAfter = await setup('wall', { at: '2026-11-25T02:00:00Z', holidays: ['2026-11-24'] });
    expect(await dayAfter.service.check(buy('H3', 'alpha'))).toEqual({ approved: true });
  });
});
