import { stockSessionPhase, tradingDayOf, type SessionPhase } from './clock.js';

const weekdays = (day: string) => ![0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
// 2026-11-24 is a Tuesday; times are Asia/Shanghai (UTC+8).
const at = (hhmmss: string) => new Date(`2026-11-24T${hhmmss}+08:00`);

describe('exchange time', () => {
  it('takes the trading day in Asia/Shanghai', () => {
    expect(tradingDayOf(new Date('2026-11-23T16:00:00Z'))).toBe('2026-11-24');
    expect(tradingDayOf(new Date('2026-11-23T15:59:59Z'))).toBe('2026-11-23');
  });

  it.each<[string, SessionPhase]>([
    ['09:14:59', 'PRE_OPEN'],
    ['09:15:00', 'OPENING_AUCTION'],
    ['09:20:00', 'OPENING_AUCTION_NO_CANCEL'],
    ['09:25:00', 'PRE_CONTINUOUS'],
    ['09:29:59', 'PRE_CONTINUOUS'],
    ['09:30:00', 'CONTINUOUS'],
    ['11:29:59', 'CONTINUOUS'],
    ['11:30:00', 'LUNCH_BREAK'],
    ['13:00:00', 'CONTINUOUS'],
    ['14:56:59', 'CONTINUOUS'],
    ['14:57:00', 'CLOSING_AUCTION'],
    ['15:00:00', 'CLOSED'],
    ['15:05:00', 'AFTER_HOURS_FIXED_PRICE'],
    ['15:30:00', 'CLOSED'],
    ['03:00:00', 'CLOSED'],
  ])('%s is %s', (time, phase) => {
    expect(stockSessionPhase(at(time), weekdays)).toBe(phase);
  });

  it('is closed all day on a holiday from the calendar', () => {
    expect(stockSessionPhase(at('10:00:00'), (day) => day !== '2026-11-24')).toBe('CLOSED');
  });
});
