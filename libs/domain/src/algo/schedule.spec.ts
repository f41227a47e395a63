import { aSchedule, aWindow, at } from '@qmt/domain/testing';
import fc from 'fast-check';
import { profileFromMinuteBars } from './minute-bar-profile.js';
import { defaultUShapedProfile, PROFILE_MINUTES, ProfileSource } from './volume-profile.js';
import { shanghaiInstant, tradingWindowOf } from './trading-window.js';

const targets = (schedule: ReturnType<typeof aSchedule>) =>
  schedule.buckets.map((b) => b.cumulativeTarget);

describe('buildSchedule', () => {
  it('TWAP is flat in time: 10 one-minute buckets of 1,000 each', () => {
    const schedule = aSchedule({ type: 'TWAP', quantity: 10_000 }, aWindow('10:00', '10:10'));
    expect(schedule.profileSource).toBe('FLAT');
    expect(targets(schedule)).toEqual([
      1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000,
    ]);
  });

  it('TWAP across lunch gives lunch nothing: 11:28–13:02 is four trading minutes', () => {
    const schedule = aSchedule({ type: 'TWAP', quantity: 4000 }, aWindow('11:28', '13:02'));
    expect(schedule.buckets.map((b) => [b.start.toISOString(), b.cumulativeTarget])).toEqual([
      [at('11:28').toISOString(), 1000],
      [at('11:29').toISOString(), 2000],
      [at('13:00').toISOString(), 3000],
      [at('13:01').toISOString(), 4000],
    ]);
  });

  it('VWAP follows the U shape: the opening minute weighs 4.0 / 0.8 of a pre-lunch minute', () => {
    const schedule = aSchedule({ quantity: 1_000_000 });
    const first = schedule.buckets[0]?.weight ?? 0;
    const preLunch = schedule.buckets[110]?.weight ?? 0;
    expect(first / preLunch).toBeCloseTo(5, 10);
    expect(schedule.buckets[0]?.cumulativeTarget).toBe(Math.round((1_000_000 * 4) / 274.45));
  });

  it('renormalises the profile over a partial window', () => {
    const window = aWindow('09:30', '09:35');
    const schedule = aSchedule({ quantity: 5000 }, window);
    expect(targets(schedule)).toEqual([1000, 2000, 3000, 4000, 5000]);
  });

  it('splits a profile minute pro rata when buckets are off the minute grid', () => {
    // 09:34:30–09:35:30: half of a 4.0 minute and half of a 2.6 minute.
    const schedule = aSchedule({ quantity: 6600 }, aWindow('09:34:30', '09:35:30'), 30);
    expect(targets(schedule)).toEqual([4000, 6600]);
  });

  it('falls back to time when the profile has no volume in the window', () => {
    const morningOnly = profileFromMinuteBars([{ time: at('09:31'), volume: 100 }]);
    const schedule = aSchedule({ quantity: 300 }, aWindow('13:00', '13:03'), 60, morningOnly);
    expect(schedule.profileSource).toBe(ProfileSource.FLAT);
    expect(targets(schedule)).toEqual([100, 200, 300]);
  });

  it('keeps the profile source of a VWAP', () => {
    expect(aSchedule().profileSource).toBe('DEFAULT_U_SHAPE');
  });

  it('has non-decreasing targets ending at the parent quantity, weights summing to 1', () => {
    const secondOfDay = fc.integer({ min: 9 * 3600 + 30 * 60, max: 14 * 3600 + 57 * 60 });
    const weights = fc.array(
      fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1000, noNaN: true })),
      {
        minLength: PROFILE_MINUTES,
        maxLength: PROFILE_MINUTES,
      },
    );
    fc.assert(
      fc.property(
        secondOfDay,
        secondOfDay,
        fc.integer({ min: 1, max: 1200 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.constantFrom('VWAP', 'TWAP'),
        weights,
        (a, b, bucketSeconds, quantity, type, raw) => {
          fc.pre(Math.abs(a - b) >= 1);
          const window = tradingWindowOf(
            '2026-11-24',
            shanghaiInstant('2026-11-24', Math.min(a, b)),
            shanghaiInstant('2026-11-24', Math.max(a, b)),
          );
          fc.pre(window.tradingSeconds > 0);
          const total = raw.reduce((s, w) => s + w, 0);
          const profile =
            total > 0
              ? { source: ProfileSource.MINUTE_BARS, days: 1, weights: raw.map((w) => w / total) }
              : defaultUShapedProfile();
          const schedule = aSchedule({ type, quantity }, window, bucketSeconds, profile);
          const t = targets(schedule);
          expect(t.at(-1)).toBe(quantity);
          for (let i = 1; i < t.length; i++) {
            expect(t[i]).toBeGreaterThanOrEqual(t[i - 1] ?? 0);
          }
          expect(t.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
          expect(schedule.buckets.reduce((s, x) => s + x.weight, 0)).toBeCloseTo(1, 9);
        },
      ),
    );
  });
});
