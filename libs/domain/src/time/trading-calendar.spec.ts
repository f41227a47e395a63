import { isIsoDay, isWeekday, previousTradingDay, tradingCalendar } from './trading-calendar.js';

describe('the trading calendar', () => {
  const calendar = tradingCalendar(['2026-10-01', '2026-10-02', '2026-10-03']);

  it('opens Monday to Friday and closes at weekends', () => {
    expect(['2026-11-23', '2026-11-27'].map(calendar)).toEqual([true, true]);
    expect(['2026-11-28', '2026-11-29'].map(calendar)).toEqual([false, false]);
    expect(isWeekday('2026-11-30')).toBe(true);
  });

  it('closes on the holidays it is given, and only those', () => {
    expect(calendar('2026-10-01')).toBe(false);
    expect(calendar('2026-10-02')).toBe(false);
    // A weekend holiday changes nothing; the day after the holidays opens again.
    expect(calendar('2026-10-03')).toBe(false);
    expect(calendar('2026-10-05')).toBe(true);
    expect(tradingCalendar([])('2026-10-01')).toBe(true);
  });

  it('answers the same for a day asked twice and for a day between others', () => {
    expect([calendar('2026-10-01'), calendar('2026-10-05'), calendar('2026-10-01')]).toEqual([
      false,
      true,
      false,
    ]);
  });

  it('finds the trading day before a day, over weekends and holidays, within 30 days', () => {
    expect(previousTradingDay('2026-11-24', calendar)).toBe('2026-11-23');
    expect(previousTradingDay('2026-11-30', calendar)).toBe('2026-11-27');
    // 1–3 October closed, 3–4 a weekend: the Monday after looks back to 30 September.
    expect(previousTradingDay('2026-10-05', calendar)).toBe('2026-09-30');
    expect(previousTradingDay('2026-10-05', () => false)).toBeNull();
  });

  it('knows a real YYYY-MM-DD day from anything else', () => {
    expect(['2026-02-28', '2028-02-29'].map(isIsoDay)).toEqual([true, true]);
    expect(['2026-02-29', '2026-13-01', '2026-1-01', '20261001', ''].map(isIsoDay)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
