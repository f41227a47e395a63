import { stockSessionPhase, type SessionPhase } from './stock-session.js';

// A calendar stub: weekdays trade except the listed holidays (the real one comes from xtdata).
const HOLIDAYS = new Set(['2026-10-01', '2026-10-02']);
const calendar = (day: string) =>
  ![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay()) && !HOLIDAYS.has(day);

// 2026-11-24 is a Tuesday; times are Asia/Shanghai.
const at = (hhmmss: string, day = '2026-11-24') => new Date(`${day}T${hhmmss}+08:00`);

describe('stockSessionPhase (cn-market-rules §5)', () => {
  it.each<[string, SessionPhase]>([
    ['00:00:00', 'CLOSED'],
    ['08:59:59', 'CLOSED'],
    ['09:00:00', 'PRE_OPEN'],
    ['09:14:59', 'PRE_OPEN'],
    ['09:15:00', 'OPENING_AUCTION'],
    ['09:19:59', 'OPENING_AUCTION'],
    ['09:20:00', 'OPENING_AUCTION_NO_CANCEL'],
    ['09:24:59', 'OPENING_AUCTION_NO_CANCEL'],
    ['09:25:00', 'PRE_CONTINUOUS'],
    ['09:29:59', 'PRE_CONTINUOUS'],
    ['09:30:00', 'CONTINUOUS'],
    ['11:29:59', 'CONTINUOUS'],
    ['11:30:00', 'LUNCH_BREAK'],
    ['12:59:59', 'LUNCH_BREAK'],
    ['13:00:00', 'CONTINUOUS'],
    ['14:56:59', 'CONTINUOUS'],
    ['14:57:00', 'CLOSING_AUCTION'],
    ['14:59:59', 'CLOSING_AUCTION'],
    ['15:00:00', 'CLOSED'],
    ['15:04:59', 'CLOSED'],
    ['15:05:00', 'AFTER_HOURS_FIXED_PRICE'],
    ['15:29:59', 'AFTER_HOURS_FIXED_PRICE'],
    ['15:30:00', 'CLOSED'],
    ['23:59:59', 'CLOSED'],
  ])('%s on a trading day is %s', (time, phase) => {
    expect(stockSessionPhase(at(time), calendar)).toBe(phase);
  });

  it('takes the sub-second instant into its second', () => {
    expect(stockSessionPhase(new Date('2026-11-24T09:29:59.999+08:00'), calendar)).toBe(
      'PRE_CONTINUOUS',
    );
  });

  it.each([
    ['a holiday on a weekday', '2026-10-01'],
    ['the second holiday', '2026-10-02'],
    ['a Saturday', '2026-11-28'],
    ['a Sunday', '2026-11-29'],
  ])('is closed all day on %s (%s)', (_case, day) => {
    for (const time of ['09:15:00', '10:00:00', '14:58:00', '15:10:00']) {
      expect(stockSessionPhase(at(time, day), calendar)).toBe('CLOSED');
    }
  });

  it('asks the calendar about the Shanghai day, not the UTC day', () => {
    const asked: string[] = [];
    // 17:00 UTC on the 23rd is 01:00 on the 24th in Shanghai.
    stockSessionPhase(new Date('2026-11-23T17:00:00Z'), (day) => {
      asked.push(day);
      return true;
    });
    expect(asked).toEqual(['2026-11-24']);
  });
});
