import { simFixture } from './testing/sim-fixture.js';

describe('the sim trading calendar', () => {
  // The fixture's clock: Tuesday 2026-11-24, 10:00 in Shanghai.
  const { sim } = simFixture({ holidays: ['2026-11-23', '2026-11-25'] });

  it('answers get_trading_calendar with weekdays less the desk holidays', async () => {
    expect(await sim.getTradingCalendar('SH', '20261120', '20261130')).toEqual([
      '20261120',
      '20261124',
      '20261126',
      '20261127',
      '20261130',
    ]);
    expect(await simFixture().sim.getTradingCalendar('SZ', '20261123', '20261123')).toEqual([
      '20261123',
    ]);
  });

  it('has no minute bars on a holiday', async () => {
    const bars = await sim.getMarketData(['600000.SH'], {
      period: '1m',
      startTime: '20261120',
      endTime: '20261124',
    });
    const days = new Set(
      (bars['600000.SH'] ?? []).map((bar) =>
        new Date(bar.time + 8 * 3_600_000).toISOString().slice(0, 10),
      ),
    );
    expect([...days]).toEqual(['2026-11-20', '2026-11-24']);
  });
});
