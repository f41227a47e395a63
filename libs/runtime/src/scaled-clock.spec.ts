import { exchangeClockOf, scaledExchangeClock } from './scaled-clock.js';

describe('the fast sim clock', () => {
  const start = new Date('2026-11-24T10:00:00+08:00');

  it('runs scale times faster than the wall from its anchor and waits in wall time', () => {
    const clock = scaledExchangeClock({ start, anchorMs: Date.now() - 1_000, scale: 60 });
    const elapsed = clock.now().getTime() - start.getTime();
    expect(elapsed).toBeGreaterThanOrEqual(60_000);
    expect(elapsed).toBeLessThan(61_000 * 2);
    expect(clock.session()).toBe('CONTINUOUS');
    const inAMinute = new Date(clock.now().getTime() + 60_000);
    expect(clock.wallDelayUntil(inAMinute)).toBeLessThanOrEqual(1_000);
    expect(clock.wallDelayUntil(inAMinute)).toBeGreaterThan(900);
    expect(clock.wallDelayUntil(start)).toBe(0);
  });

  it('is only for sim desks and otherwise leaves the desk clock alone', () => {
    const env = { EXCHANGE_CLOCK_START: start.toISOString(), EXCHANGE_CLOCK_SCALE: 10 };
    expect(() => exchangeClockOf('wall', env, false)).toThrow(/sim desks only/);
    expect(exchangeClockOf('continuous', env, true).scale).toBe(10);
    const plain = exchangeClockOf('continuous', { EXCHANGE_CLOCK_SCALE: 1 }, true);
    expect(plain.mode).toBe('continuous');
    expect(plain.scale).toBe(1);
  });
});
