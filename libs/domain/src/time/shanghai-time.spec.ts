import { shanghaiTimeOfDay, tradingDayOf } from './shanghai-time.js';

describe('Asia/Shanghai time (UTC+8, no daylight saving)', () => {
  it.each([
    ['2026-11-23T16:00:00Z', '2026-11-24'],
    ['2026-11-23T15:59:59.999Z', '2026-11-23'],
    ['2026-11-24T00:00:00+08:00', '2026-11-24'],
    ['2026-11-24T23:59:59+08:00', '2026-11-24'],
    ['2026-12-31T16:00:00Z', '2027-01-01'],
    ['2028-02-28T16:00:00Z', '2028-02-29'],
    // Mid-summer, where a DST-observing zone would shift: Shanghai does not.
    ['2026-07-01T16:00:00Z', '2026-07-02'],
  ])('%s falls on the Shanghai day %s', (instant, day) => {
    expect(tradingDayOf(new Date(instant))).toBe(day);
  });

  it.each([
    ['2026-11-24T01:30:00Z', 9, 30, 0],
    ['2026-11-23T16:00:00Z', 0, 0, 0],
    ['2026-11-24T06:56:59Z', 14, 56, 59],
    ['2026-07-01T07:00:00Z', 15, 0, 0],
  ])('%s is %d:%d:%d in Shanghai', (instant, hours, minutes, seconds) => {
    expect(shanghaiTimeOfDay(new Date(instant))).toEqual({ hours, minutes, seconds });
  });
});
