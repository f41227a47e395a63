// A VWAP profile from recent days' 1-minute K-lines (xtdata get_market_data period '1m'). Each
// day is normalised before averaging, so one heavy day does not set the shape alone.
import { tradingDayOf } from '../time/index.js';
import { secondOfShanghaiDay } from './trading-window.js';
import {
  defaultUShapedProfile,
  normaliseWeights,
  PROFILE_MINUTES,
  profileMinuteAt,
  ProfileSource,
  type VolumeProfile,
} from './volume-profile.js';

export interface MinuteBar {
  /** The bar's time as xtdata labels it (see `label`). */
  readonly time: Date;
  /** Any unit (shares or 手): only shares of the day matter. */
  readonly volume: number;
}

export interface MinuteBarOptions {
  /**
   * Whether a bar's time is the end of its minute (xtdata's 1m bars: 09:31 covers 09:30–09:31,
   * the 09:30 bar holds the opening call) or its start. Default 'END'.
   */
  readonly label?: 'END' | 'START';
}

/**
 * The average of each day's normalised continuous-minute volume. Bars outside continuous trading
 * (the opening and closing calls) are left out; a minute with no bar counts as 0 that day; days
 * with no volume (suspended) are skipped. Without a usable day: the default U shape.
 */
export function profileFromMinuteBars(
  bars: readonly MinuteBar[],
  options: MinuteBarOptions = {},
): VolumeProfile {
  const shift = options.label === 'START' ? 0 : -60;
  const days = new Map<string, number[]>();
  for (const bar of bars) {
    if (!Number.isFinite(bar.volume) || bar.volume <= 0) {
      continue;
    }
    const minuteStart = new Date(bar.time.getTime() + shift * 1000);
    const minute = profileMinuteAt(secondOfShanghaiDay(minuteStart));
    if (minute === null) {
      continue;
    }
    const day = tradingDayOf(minuteStart);
    const volumes = days.get(day) ?? Array.from({ length: PROFILE_MINUTES }, () => 0);
    volumes[minute] = (volumes[minute] ?? 0) + bar.volume;
    days.set(day, volumes);
  }
  const shares = [...days.values()].map(normaliseWeights).filter((w) => w !== null);
  if (shares.length === 0) {
    return defaultUShapedProfile();
  }
  const mean = Array.from(
    { length: PROFILE_MINUTES },
    (_, minute) => shares.reduce((sum, day) => sum + (day[minute] ?? 0), 0) / shares.length,
  );
  return {
    source: ProfileSource.MINUTE_BARS,
    days: shares.length,
    weights: normaliseWeights(mean) ?? defaultUShapedProfile().weights,
  };
}
