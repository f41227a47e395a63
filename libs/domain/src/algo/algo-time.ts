// Parsing the caller's times without guessing a zone: a bare ISO date-time would be read in the
// process's local zone, so only explicit offsets or exchange times of day are taken.
import { tradingDayOf } from '../time/index.js';
import type { AlgoTime } from './algo-types.js';
import { secondOfShanghaiDay, shanghaiInstant } from './trading-window.js';

const TIME_OF_DAY = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const ISO_WITH_OFFSET =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** The instant an AlgoTime names, times of day on the Shanghai day of `now`; null if unreadable. */
export function resolveAlgoTime(time: AlgoTime, now: Date): Date | null {
  if (time instanceof Date) {
    return Number.isNaN(time.getTime()) ? null : time;
  }
  const clock = TIME_OF_DAY.exec(time);
  if (clock !== null) {
    const [hours, minutes, seconds] = [clock[1], clock[2], clock[3] ?? '0'].map(Number);
    if (hours === undefined || minutes === undefined || seconds === undefined) {
      return null;
    }
    if (hours > 23 || minutes > 59 || seconds > 59) {
      return null;
    }
    return shanghaiInstant(tradingDayOf(now), hours * 3600 + minutes * 60 + seconds);
  }
  if (ISO_WITH_OFFSET.test(time)) {
    const instant = new Date(time);
    return Number.isNaN(instant.getTime()) ? null : instant;
  }
  return null;
}

/** 'HH:MM:SS' exchange time, for messages. */
export function formatExchangeTime(instant: Date): string {
  const second = Math.floor(secondOfShanghaiDay(instant));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(second / 3600))}:${pad(Math.floor(second / 60) % 60)}:${pad(second % 60)}`;
}
