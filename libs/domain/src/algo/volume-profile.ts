// Intraday volume profiles over the 237 continuous minutes (09:30–11:30, 13:00–14:57): one weight
// per minute, summing to 1. VWAP follows the profile, TWAP the flat one. The default U shape's
// numbers are documented in docs/algo-schedule.md.
import { CONTINUOUS_SESSIONS } from './trading-window.js';

export const ProfileSource = {
  DEFAULT_U_SHAPE: 'DEFAULT_U_SHAPE',
  MINUTE_BARS: 'MINUTE_BARS',
  FLAT: 'FLAT',
} as const;
export type ProfileSource = (typeof ProfileSource)[keyof typeof ProfileSource];

export interface VolumeProfile {
  readonly source: ProfileSource;
  /** Days of history behind a MINUTE_BARS profile; 0 otherwise. */
  readonly days: number;
  /** weights[i]: share of the day's continuous volume traded in profile minute i; Σ = 1. */
  readonly weights: readonly number[];
}

/** Minutes of continuous trading per day: 120 before lunch, 117 after. */
export const PROFILE_MINUTES = CONTINUOUS_SESSIONS.reduce((n, [a, b]) => n + (b - a) / 60, 0);

/**
 * The profile minute starting at `secondOfDay` (Shanghai), or null outside continuous trading:
 * 0 is 09:30–09:31, 119 is 11:29–11:30, 120 is 13:00–13:01, 236 is 14:56–14:57.
 */
export function profileMinuteAt(secondOfDay: number): number | null {
  let offset = 0;
  for (const [start, end] of CONTINUOUS_SESSIONS) {
    if (secondOfDay >= start && secondOfDay < end) {
      return offset + Math.floor((secondOfDay - start) / 60);
    }
    offset += (end - start) / 60;
  }
  return null;
}

/** Seconds after Shanghai midnight at which profile minute `minute` starts. */
export function profileMinuteStart(minute: number): number {
  let offset = minute;
  for (const [start, end] of CONTINUOUS_SESSIONS) {
    const length = (end - start) / 60;
    if (offset < length) {
      return start + offset * 60;
    }
    offset -= length;
  }
  return Number.NaN;
}

/** Scales non-negative weights to sum 1; null when they sum to 0 (nothing to follow). */
export function normaliseWeights(raw: readonly number[]): readonly number[] | null {
  const total = raw.reduce((sum, w) => sum + w, 0);
  return total > 0 && Number.isFinite(total) ? raw.map((w) => w / total) : null;
}

export function flatProfile(): VolumeProfile {
  return {
    source: ProfileSource.FLAT,
    days: 0,
    weights: Array.from({ length: PROFILE_MINUTES }, () => 1 / PROFILE_MINUTES),
  };
}

// Relative volume per minute, by exchange time. Shape after the usual A-share intraday curve:
// the first minutes after the open carry the overnight news, volume fades into the lunch break,
// picks up briefly after it, troughs in the early afternoon and climbs into the close. The
// closing call (14:57–15:00) is not here: the schedule does not trade it.
const U_SHAPE: readonly (readonly [from: string, to: string, relative: number])[] = [
  ['09:30', '09:35', 4.0],
  ['09:35', '09:45', 2.6],
  ['09:45', '10:00', 1.8],
  ['10:00', '10:30', 1.3],
  ['10:30', '11:00', 1.0],
  ['11:00', '11:30', 0.8],
  ['13:00', '13:05', 1.2],
  ['13:05', '13:30', 0.85],
  ['13:30', '14:00', 0.75],
  ['14:00', '14:30', 0.85],
  ['14:30', '14:50', 1.1],
  ['14:50', '14:57', 1.6],
];

const clockSecond = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60;
};

/** The default A-share U-shaped profile, for instruments without minute-bar history. */
export function defaultUShapedProfile(): VolumeProfile {
  const raw = Array.from({ length: PROFILE_MINUTES }, (_, minute) => {
    const second = profileMinuteStart(minute);
    const band = U_SHAPE.find(
      ([from, to]) => second >= clockSecond(from) && second < clockSecond(to),
    );
    return band?.[2] ?? 0;
  });
  return {
    source: ProfileSource.DEFAULT_U_SHAPE,
    days: 0,
    weights: normaliseWeights(raw) ?? flatProfile().weights,
  };
}
