// The continuous-auction stretches of an SH/SZ/BJ stock day (cn-market-rules.md §5): 09:30–11:30
// and 13:00–14:57. The schedule trades only there: the opening call, the lunch break and the
// closing call (cancels refused, limit orders only) are left out. stock-session.spec pins these
// boundaries against stockSessionPhase so the two cannot drift apart.
import { tradingDayOf } from '../time/index.js';

export interface TimeSpan {
  readonly start: Date;
  readonly end: Date;
}

/** One slice of the window: [start, end), inside one continuous stretch. */
export interface Bucket extends TimeSpan {
  readonly index: number;
}

/** A parent's trading window on one trading day, lunch and auctions cut out. */
export interface TradingWindow extends TimeSpan {
  /** Shanghai day 'YYYY-MM-DD'. */
  readonly tradingDay: string;
  /** The continuous stretches inside [start, end), in time order. */
  readonly segments: readonly TimeSpan[];
  /** Σ segment lengths, seconds. */
  readonly tradingSeconds: number;
}

/** Start and end of each continuous stretch, seconds after Shanghai midnight. */
export const CONTINUOUS_SESSIONS: readonly (readonly [start: number, end: number])[] = [
  [9 * 3600 + 30 * 60, 11 * 3600 + 30 * 60],
  [13 * 3600, 14 * 3600 + 57 * 60],
];

/** Continuous seconds in a full day (14,220: 120 minutes before lunch, 117 after). */
export const CONTINUOUS_SECONDS_PER_DAY = CONTINUOUS_SESSIONS.reduce((s, [a, b]) => s + b - a, 0);

const MS = 1000;

/** The instant at `secondOfDay` seconds after midnight of a Shanghai day 'YYYY-MM-DD'. */
export function shanghaiInstant(day: string, secondOfDay: number): Date {
  return new Date(new Date(`${day}T00:00:00+08:00`).getTime() + secondOfDay * MS);
}

/** Seconds (fractional) since Shanghai midnight of the instant's own Shanghai day. */
export function secondOfShanghaiDay(instant: Date): number {
  const midnight = new Date(`${tradingDayOf(instant)}T00:00:00+08:00`).getTime();
  return (instant.getTime() - midnight) / MS;
}

/** The continuous stretches of a day as instants. */
export function continuousSessionsOf(day: string): readonly TimeSpan[] {
  return CONTINUOUS_SESSIONS.map(([start, end]) => ({
    start: shanghaiInstant(day, start),
    end: shanghaiInstant(day, end),
  }));
}

/**
 * [start, end) cut to the continuous stretches of `day`, its start and end moved to the first and
 * last continuous instants inside; no segments (and the bounds as given) when they do not meet.
 */
export function tradingWindowOf(day: string, start: Date, end: Date): TradingWindow {
  const segments: TimeSpan[] = [];
  for (const session of continuousSessionsOf(day)) {
    const from = Math.max(session.start.getTime(), start.getTime());
    const to = Math.min(session.end.getTime(), end.getTime());
    if (to > from) {
      segments.push({ start: new Date(from), end: new Date(to) });
    }
  }
  const tradingSeconds = segments.reduce(
    (sum, s) => sum + (s.end.getTime() - s.start.getTime()) / MS,
    0,
  );
  // The window is what can trade: 09:00–15:00 resolves to 09:30–14:57.
  const first = segments[0];
  const last = segments[segments.length - 1];
  return first === undefined || last === undefined
    ? { tradingDay: day, start, end, segments, tradingSeconds }
    : { tradingDay: day, start: first.start, end: last.end, segments, tradingSeconds };
}

/**
 * The instant `seconds` of continuous trading after `from` on its day, skipping lunch; null when
 * the day's continuous trading ends first.
 */
export function addTradingSeconds(from: Date, seconds: number): Date | null {
  let left = seconds * MS;
  for (const session of continuousSessionsOf(tradingDayOf(from))) {
    const begin = Math.max(session.start.getTime(), from.getTime());
    const room = session.end.getTime() - begin;
    if (room <= 0) {
      continue;
    }
    if (left <= room) {
      return new Date(begin + left);
    }
    left -= room;
  }
  return null;
}

/**
 * Buckets of `bucketSeconds` from the start of each stretch; a stretch's tail shorter than half a
 * bucket joins the bucket before it (a 5-second slice before lunch helps nobody), a longer tail is
 * a short bucket of its own. No bucket straddles the lunch break.
 */
export function sliceWindow(window: TradingWindow, bucketSeconds: number): readonly Bucket[] {
  const step = bucketSeconds * MS;
  const buckets: Bucket[] = [];
  for (const segment of window.segments) {
    const end = segment.end.getTime();
    let from = segment.start.getTime();
    while (from < end) {
      let to = Math.min(from + step, end);
      if (end - to > 0 && end - to < step / 2) {
        to = end;
      }
      buckets.push({ index: buckets.length, start: new Date(from), end: new Date(to) });
      from = to;
    }
  }
  return buckets;
}
