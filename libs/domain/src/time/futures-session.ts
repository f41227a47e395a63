// Futures trading hours: cn-market-rules.md §5 (CFFEX index futures 09:30–11:30, 13:00–15:00;
// commodity day sessions 09:00–10:15, 10:30–11:30, 13:30–15:00, plus night sessions per product).
// CFFEX treasury futures close at 15:15. Each window starts inclusive and ends exclusive.
import { shanghaiTimeOfDay, tradingDayOf } from './shanghai-time.js';

export type FuturesSessionPhase = 'DAY' | 'NIGHT' | 'CLOSED';

type Window = readonly [startMinute: number, endMinute: number];
const m = (hours: number, minutes = 0): number => hours * 60 + minutes;

const CFFEX_INDEX_DAY: readonly Window[] = [
  [m(9, 30), m(11, 30)],
  [m(13), m(15)],
];
const CFFEX_TREASURY_DAY: readonly Window[] = [
  [m(9, 30), m(11, 30)],
  [m(13), m(15, 15)],
];
const COMMODITY_DAY: readonly Window[] = [
  [m(9), m(10, 15)],
  [m(10, 30), m(11, 30)],
  [m(13, 30), m(15)],
];
const TREASURY: ReadonlySet<string> = new Set(['T', 'TF', 'TS', 'TL']);
const NIGHT_START = m(21);
const MIDNIGHT = m(24);

function addDays(day: string, days: number): string {
  const base = new Date(`${day}T00:00:00Z`);
  return new Date(base.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Whether the evening of `day` has a night session: the day trades and so does the next
 * business day (Friday evening belongs to Monday). The evening before a holiday has none.
 */
export function hasNightSession(day: string, isTradingDay: (day: string) => boolean): boolean {
  if (!isTradingDay(day)) {
    return false;
  }
  const friday = new Date(`${day}T00:00:00Z`).getUTCDay() === 5;
  return isTradingDay(addDays(day, 1)) || (friday && isTradingDay(addDays(day, 3)));
}

function inside(windows: readonly Window[], minute: number): boolean {
  return windows.some(([start, end]) => minute >= start && minute < end);
}

/**
 * The futures phase at an instant for a contract on `market` with `product`; `nightEnd` is the
 * product's night close in minutes after the evening's midnight (25 × 60 = 01:00 next day), or
 * null when it has no night session.
 */
export function futuresSessionPhase(
  instant: Date,
  market: string,
  product: string,
  nightEnd: number | null,
  isTradingDay: (day: string) => boolean,
): FuturesSessionPhase {
  const day = tradingDayOf(instant);
  const { hours, minutes } = shanghaiTimeOfDay(instant);
  const minute = hours * 60 + minutes;
  if (nightEnd !== null) {
    if (minute >= NIGHT_START && minute < Math.min(nightEnd, MIDNIGHT)) {
      return hasNightSession(day, isTradingDay) ? 'NIGHT' : 'CLOSED';
    }
    if (minute < nightEnd - MIDNIGHT) {
      return hasNightSession(addDays(day, -1), isTradingDay) ? 'NIGHT' : 'CLOSED';
    }
  }
  const dayWindows =
    market === 'IF'
      ? TREASURY.has(product)
        ? CFFEX_TREASURY_DAY
        : CFFEX_INDEX_DAY
      : COMMODITY_DAY;
  return isTradingDay(day) && inside(dayWindows, minute) ? 'DAY' : 'CLOSED';
}
