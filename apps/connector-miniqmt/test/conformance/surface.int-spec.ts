// The port beyond the order path through both adapters: the same calls answer with the same
// shapes (the values are each broker's own), and a method a build lacks answers as a terminal
// without the feature.
import { SessionCapability, type XtTick } from '@qmt/connector-miniqmt';
import { XtOrderStatus, XtPriceType } from '@qmt/domain';
import { eventually } from '@qmt/testkit';
import { bridgeTarget, simTarget, type Target } from './targets.js';

const sorted = (o: object): string[] => Object.keys(o).sort();

describe('the rest of the port through both adapters', () => {
  let sim: Target;
  let bridge: Target;

  beforeAll(async () => {
    [sim, bridge] = await Promise.all([simTarget(), bridgeTarget()]);
  }, 30_000);

  afterAll(async () => {
    await Promise.all([sim?.close(), bridge?.close()]);
  });

  it.each(['sim', 'bridge'] as const)(
    '%s: sync place, query one order, cancel by sysid',
    async (name) => {
      const t = name === 'sim' ? sim : bridge;
      const ref = t.ref('C7');
      const orderId = await t.session.orderStock(
        ref,
        '000001.SZ',
        23,
        100,
        XtPriceType.FIX_PRICE,
        11.9,
        'alpha',
        `SYNC-${name}`,
      );
      expect(orderId).toBeGreaterThan(0);
      const order = await eventually(async () => {
        const found = await t.session.queryStockOrder(ref, orderId);
        return found?.order_sysid !== '' ? found : undefined;
      });
      expect(order).toMatchObject({
        order_remark: `SYNC-${name}`,
        order_status: XtOrderStatus.ORDER_REPORTED,
      });
      expect(
        await t.session.cancelOrderStockSysidAsync(ref, 'SZ', order?.order_sysid ?? ''),
      ).toBeGreaterThan(0);
      await eventually(async () =>
        (await t.session.queryStockOrder(ref, orderId))?.order_status ===
        XtOrderStatus.ORDER_CANCELED
          ? true
          : undefined,
      );
      expect(await t.session.queryStockPosition(ref, '600000.SH')).toMatchObject({ volume: 1_000 });
    },
  );

  it('market data: full tick, instrument detail, bars and the calendar have the same shape', async () => {
    const shapes = async (t: Target) => {
      const ticks = await t.session.getFullTick(['600000.SH']);
      const detail = await t.session.getInstrumentDetail('600000.SH');
      const bars = await t.session.getMarketData(['600000.SH'], { period: '1m', count: 5 });
      const calendar = await t.session.getTradingCalendar('SH', '20261123', '20261127');
      return {
        tick: ['lastPrice', 'askPrice', 'bidPrice', 'askVol', 'bidVol', 'volume', 'time'].every(
          (k) => k in (ticks['600000.SH'] ?? {}),
        ),
        detail: [
          'InstrumentID',
          'PriceTick',
          'UpStopPrice',
          'DownStopPrice',
          'VolumeMultiple',
        ].every((k) => detail !== null && k in detail),
        bars: bars['600000.SH']?.length,
        barFields: sorted(bars['600000.SH']?.[0] ?? {}).filter((k) =>
          ['open', 'close', 'volume', 'time'].includes(k),
        ),
        calendar,
        unknown: await t.session.getInstrumentDetail('999999.SH'),
      };
    };
    const viaSim = await shapes(sim);
    expect(viaSim).toEqual({
      tick: true,
      detail: true,
      bars: 5,
      barFields: ['close', 'open', 'time', 'volume'],
      calendar: ['20261123', '20261124', '20261125', '20261126', '20261127'],
      unknown: null,
    });
    expect(await shapes(bridge)).toEqual(viaSim);
  });

  it('a tick subscription pushes ticks of its code', async () => {
    const ticks: XtTick[] = [];
    const id = await sim.session.subscribeQuote('600000.SH', (tick) => ticks.push(tick));
    expect(id).toBeGreaterThan(0);
    (sim.session as unknown as { setQuote(symbol: string, last: number): void }).setQuote(
      '600000.SH',
      10.05,
    );
    expect(ticks.at(-1)).toMatchObject({ lastPrice: 10.05 });
    await sim.session.unsubscribeQuote(id);
    const bridgeTicks: XtTick[] = [];
    const bridgeId = await bridge.session.subscribeQuote('600000.SH', (tick) =>
      bridgeTicks.push(tick),
    );
    expect(bridgeId).toBeGreaterThan(0);
    await bridge.session.unsubscribeQuote(bridgeId);
  });

  it('features a build lacks answer as a terminal without them; capabilities say so', async () => {
    for (const t of [sim, bridge]) {
      const ref = t.ref('C7');
      expect(await t.session.queryCreditDetail(ref)).toEqual([]);
      expect(await t.session.queryPositionStatistics(ref)).toEqual([]);
      expect(
        await t.session.smartAlgoOrderAsync(
          ref,
          '600000.SH',
          23,
          100,
          11,
          10,
          's',
          'r',
          'VWAP',
          '09:30:00',
          '15:00:00',
          {},
        ),
      ).toBe(-1);
    }
    expect(sim.session.capabilities()).toContain(SessionCapability.MARKET_DATA);
    expect(bridge.session.capabilities()).toContain(SessionCapability.MARKET_DATA);
    expect(bridge.session.capabilities()).not.toContain(SessionCapability.SMART_ALGO);
  });
});
