import { tradingCalendar } from '@qmt/domain';
import { ExchangeClock } from './exchange-clock.js';

describe('ExchangeClock', () => {
  // 10:00 in Shanghai on Tuesday 2026-11-24.
  const clock = () => new ExchangeClock('wall', () => new Date('2026-11-24T02:00:00Z'));

  it('follows the timetable on weekdays until it is given the desk calendar', () => {
    const weekdays = clock();
    expect(weekdays.session()).toBe('CONTINUOUS');
  });

  it('is closed all day on a holiday of the calendar it uses', () => {
    const desk = clock();
    desk.useCalendar(tradingCalendar(['2026-11-24']));
    expect(desk.session()).toBe('CLOSED');
    desk.useCalendar(tradingCalendar(['2026-11-25']));
    expect(desk.session()).toBe('CONTINUOUS');
  });

  it('stays CONTINUOUS in the sim mode whatever the calendar says', () => {
    const sim = new ExchangeClock('continuous', () => new Date('2026-11-24T02:00:00Z'));
    sim.useCalendar(tradingCalendar(['2026-11-24']));
    expect(sim.session()).toBe('CONTINUOUS');
  });
});
