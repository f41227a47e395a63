import { at } from '@qmt/domain/testing';
import fc from 'fast-check';
import { profileFromMinuteBars, type MinuteBar } from './minute-bar-profile.js';
import {
  defaultUShapedProfile,
  flatProfile,
  PROFILE_MINUTES,
  profileMinuteAt,
  profileMinuteStart,
} from './volume-profile.js';

const second = (hhmm: string) => {
  const [h, m, s] = hhmm.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
};
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const minuteOf = (hhmm: string) => profileMinuteAt(second(hhmm)) ?? -1;

describe('profile minutes', () => {
  it.each<[string, number | null]>([
    ['09:29:59', null],
    ['09:30:00', 0],
    ['09:30:59', 0],
    ['11:29:59', 119],
    ['11:30:00', null],
    ['12:59:59', null],
    ['13:00:00', 120],
    ['14:56:59', 236],
    ['14:57:00', null],
  ])('%s is profile minute %s', (time, minute) => {
    expect(profileMinuteAt(second(time))).toBe(minute);
  });

  it('numbers 237 minutes and maps each start back to itself', () => {
    expect(PROFILE_MINUTES).toBe(237);
    for (let minute = 0; minute < PROFILE_MINUTES; minute++) {
      expect(profileMinuteAt(profileMinuteStart(minute))).toBe(minute);
    }
  });
});

describe('defaultUShapedProfile', () => {
  const { weights, source } = defaultUShapedProfile();

  it('covers the 237 minutes and sums to 1', () => {
    expect(source).toBe('DEFAULT_U_SHAPE');
    expect(weights).toHaveLength(237);
    expect(sum(weights)).toBeCloseTo(1, 12);
  });

  it('is heavy at the open, troughs before lunch and early afternoon, climbs into the close', () => {
    const w = (hhmm: string) => weights[minuteOf(hhmm)] ?? 0;
    expect(w('09:30')).toBeGreaterThan(w('09:40'));
    expect(w('09:40')).toBeGreaterThan(w('10:15'));
    expect(w('11:15')).toBeLessThan(w('10:45'));
    expect(w('13:00')).toBeGreaterThan(w('11:15'));
    expect(w('13:45')).toBeLessThan(w('13:15'));
    expect(w('14:55')).toBeGreaterThan(w('14:40'));
    expect(w('14:40')).toBeGreaterThan(w('14:15'));
    expect(Math.min(...weights)).toBe(w('13:45'));
    expect(Math.max(...weights)).toBe(w('09:30'));
  });

  it('puts the documented shares in the first half hour, the morning and the last 27 minutes', () => {
    const share = (from: string, to: string) =>
      sum(weights.slice(minuteOf(from), to === '14:57' ? 237 : minuteOf(to)));
    expect(share('09:30', '10:00')).toBeCloseTo(73 / 274.45, 10);
    expect(share('09:30', '13:00')).toBeCloseTo(166 / 274.45, 10);
    expect(share('14:30', '14:57')).toBeCloseTo(33.2 / 274.45, 10);
  });
});

describe('profileFromMinuteBars', () => {
  // xtdata labels a 1m bar by its end: 09:31 covers 09:30–09:31; 09:30 is the opening call.
  const bar = (hhmm: string, volume: number, day?: string): MinuteBar => ({
    time: at(hhmm, day),
    volume,
  });

  it('maps end-labelled bars to the minute before and leaves the calls out', () => {
    const profile = profileFromMinuteBars([
      bar('09:30', 5000),
      bar('09:31', 300),
      bar('11:30', 100),
      bar('13:01', 100),
      bar('14:57', 500),
      bar('15:00', 9000),
    ]);
    expect(profile.source).toBe('MINUTE_BARS');
    expect(profile.days).toBe(1);
    expect(profile.weights[0]).toBeCloseTo(0.3);
    expect(profile.weights[119]).toBeCloseTo(0.1);
    expect(profile.weights[120]).toBeCloseTo(0.1);
    expect(profile.weights[236]).toBeCloseTo(0.5);
    expect(sum(profile.weights)).toBeCloseTo(1, 12);
  });

  it('reads start-labelled bars as the minute they name', () => {
    const profile = profileFromMinuteBars([bar('09:30', 100), bar('14:56', 100)], {
      label: 'START',
    });
    expect([profile.weights[0], profile.weights[236]]).toEqual([0.5, 0.5]);
  });

  it('weighs each day equally, whatever its volume', () => {
    const profile = profileFromMinuteBars([
      bar('09:31', 1_000_000, '2026-11-23'),
      bar('10:01', 1, '2026-11-24'),
    ]);
    expect(profile.days).toBe(2);
    expect(profile.weights[0]).toBeCloseTo(0.5);
    expect(profile.weights[30]).toBeCloseTo(0.5);
  });

  it('skips suspended days and falls back to the U shape without any volume', () => {
    const suspended = [bar('09:31', 0, '2026-11-23'), bar('10:01', 0, '2026-11-23')];
    expect(profileFromMinuteBars(suspended)).toEqual(defaultUShapedProfile());
    expect(profileFromMinuteBars([])).toEqual(defaultUShapedProfile());
    expect(profileFromMinuteBars([...suspended, bar('10:01', 7)]).days).toBe(1);
  });

  it('always sums to 1 over the 237 minutes', () => {
    const anyBar = fc.record({
      minute: fc.integer({ min: 9 * 60, max: 15 * 60 + 5 }),
      volume: fc.oneof(fc.nat(1_000_000), fc.constant(0)),
      day: fc.constantFrom('2026-11-23', '2026-11-24', '2026-11-25'),
    });
    fc.assert(
      fc.property(fc.array(anyBar, { maxLength: 400 }), (raw) => {
        const bars = raw.map(({ minute, volume, day }) => ({
          time: at(
            `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
            day,
          ),
          volume,
        }));
        const { weights } = profileFromMinuteBars(bars);
        expect(weights).toHaveLength(237);
        expect(weights.every((w) => w >= 0)).toBe(true);
        expect(sum(weights)).toBeCloseTo(1, 9);
      }),
    );
  });

  it('flatProfile spreads evenly', () => {
    expect(new Set(flatProfile().weights)).toEqual(new Set([1 / 237]));
  });
});
