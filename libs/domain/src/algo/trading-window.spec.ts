import { aWindow, at, isTradingDay } from '@qmt/domain/testing';
import fc from 'fast-check';
import { stockSessionPhase } from '../time/index.js';
import {
  addTradingSeconds,
  CONTINUOUS_SECONDS_PER_DAY,
  CONTINUOUS_SESSIONS,
  shanghaiInstant,
  sliceWindow,
  tradingWindowOf,
} from './trading-window.js';

const hhmmss = (d: Date) => d.toISOString().slice(11, 19);
const local = (d: Date) => hhmmss(new Date(d.getTime() + 8 * 3600_000));

describe('continuous sessions agree with stockSessionPhase', () => {
  it('has 14,220 continuous seconds a day (120 + 117 minutes)', () => {
    expect(CONTINUOUS_SECONDS_PER_DAY).toBe(14_220);
  });

  it.each(CONTINUOUS_SESSIONS.map(([start, end]) => [start, end]))(
    'stretch %d–%d s: CONTINUOUS from its first second to its last, not outside',
    (start, end) => {
      const phase = (second: number) =>
        stockSessionPhase(shanghaiInstant('2026-11-24', second), isTradingDay);
      expect(phase(start - 1)).not.toBe('CONTINUOUS');
      expect(phase(start)).toBe('CONTINUOUS');
      expect(phase(end - 1)).toBe('CONTINUOUS');
      expect(phase(end)).not.toBe('CONTINUOUS');
    },
  );
});

describe('tradingWindowOf cuts lunch and auctions out', () => {
  it.each<[string, string, readonly string[], number]>([
    ['09:30', '14:57', ['09:30:00-11:30:00', '13:00:00-14:57:00'], 14_220],
    ['09:15', '15:00', ['09:30:00-11:30:00', '13:00:00-14:57:00'], 14_220],
    ['11:00', '13:30', ['11:00:00-11:30:00', '13:00:00-13:30:00'], 3600],
    ['11:35', '12:50', [], 0],
    ['14:57', '15:00', [], 0],
    ['10:00', '10:00:01', ['10:00:00-10:00:01'], 1],
  ])('%s–%s → %j (%d s)', (from, to, segments, seconds) => {
    const window = aWindow(from, to);
    expect(window.segments.map((s) => `${local(s.start)}-${local(s.end)}`)).toEqual(segments);
    expect(window.tradingSeconds).toBe(seconds);
  });
});

describe('tradingWindowOf bounds', () => {
  it.each<[string, string, string, string]>([
    ['09:15', '15:00', '09:30:00', '14:57:00'],
    ['11:45', '13:30', '13:00:00', '13:30:00'],
    ['10:00', '12:30', '10:00:00', '11:30:00'],
    // Nothing tradable: the bounds stay as given, for the message.
    ['11:35', '12:50', '11:35:00', '12:50:00'],
  ])('%s–%s trades from %s to %s', (from, to, start, end) => {
    const window = aWindow(from, to);
    expect([local(window.start), local(window.end)]).toEqual([start, end]);
  });
});

describe('addTradingSeconds counts continuous seconds only', () => {
  it.each<[string, number, string | null]>([
    ['09:30', 60, '09:31:00'],
    ['11:00', 3600, '13:30:00'],
    ['11:00', 1800, '11:30:00'],
    ['11:00', 1801, '13:00:01'],
    ['12:00', 60, '13:01:00'],
    ['09:00', 60, '09:31:00'],
    ['14:56', 60, '14:57:00'],
    ['14:56', 61, null],
  ])('%s + %d s → %s', (from, seconds, expected) => {
    const end = addTradingSeconds(at(from), seconds);
    expect(end === null ? null : local(end)).toBe(expected);
  });
});

describe('sliceWindow', () => {
  it.each<[string, string, number, readonly string[]]>([
    ['10:00', '10:03', 60, ['10:00:00', '10:01:00', '10:02:00']],
    // A 20 s tail (< half a bucket) joins the bucket before it; a 40 s tail stands alone.
    ['10:00', '10:02:20', 60, ['10:00:00', '10:01:00']],
    ['10:00', '10:02:40', 60, ['10:00:00', '10:01:00', '10:02:00']],
    ['11:29', '13:01', 60, ['11:29:00', '13:00:00']],
    ['10:00', '10:00:20', 60, ['10:00:00']],
  ])('%s–%s by %d s starts buckets at %j', (from, to, seconds, starts) => {
    expect(sliceWindow(aWindow(from, to), seconds).map((b) => local(b.start))).toEqual(starts);
  });

  it('gives 237 one-minute buckets over a full day', () => {
    expect(sliceWindow(aWindow(), 60)).toHaveLength(237);
  });

  it('tiles the segments exactly, never straddles lunch, no bucket over 1.5 slices', () => {
    const second = fc.integer({ min: 9 * 3600, max: 15 * 3600 });
    fc.assert(
      fc.property(second, second, fc.integer({ min: 1, max: 3600 }), (a, b, bucketSeconds) => {
        const window = tradingWindowOf(
          '2026-11-24',
          shanghaiInstant('2026-11-24', Math.min(a, b)),
          shanghaiInstant('2026-11-24', Math.max(a, b)),
        );
        const buckets = sliceWindow(window, bucketSeconds);
        const covered = buckets.reduce((s, x) => s + x.end.getTime() - x.start.getTime(), 0);
        expect(covered).toBe(window.tradingSeconds * 1000);
        for (const bucket of buckets) {
          const length = (bucket.end.getTime() - bucket.start.getTime()) / 1000;
          expect(length).toBeGreaterThan(0);
          expect(length).toBeLessThan(bucketSeconds * 1.5);
          const inside = window.segments.some(
            (s) => bucket.start >= s.start && bucket.end <= s.end,
          );
          expect(inside).toBe(true);
        }
      }),
    );
  });
});
