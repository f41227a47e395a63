// Exchange time is Asia/Shanghai: UTC+8 all year, no daylight saving (cn-market-rules.md §5), so
// a fixed offset is exact and no time-zone database is needed.

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

const DAY_MS = 86_400_000;

/** Seconds since midnight in Asia/Shanghai (0–86399). */
export function shanghaiSecondOfDay(instant: Date): number {
  const local = instant.getTime() + SHANGHAI_OFFSET_MS;
  return Math.floor((((local % DAY_MS) + DAY_MS) % DAY_MS) / 1000);
}

/** Wall-clock time of day in Asia/Shanghai. */
export function shanghaiTimeOfDay(instant: Date): {
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
} {
  const second = shanghaiSecondOfDay(instant);
  return {
    hours: Math.floor(second / 3600),
    minutes: Math.floor((second % 3600) / 60),
    seconds: second % 60,
  };
}

let lastDay = { number: Number.NaN, text: '' };

/**
 * The calendar day 'YYYY-MM-DD' of the instant in Asia/Shanghai. Whether it is a trading day is
 * the calendar's business (holidays), not this function's.
 */
export function tradingDayOf(instant: Date): string {
  const day = Math.floor((instant.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);
  // Checks run thousands of times a second on the same day: format it once.
  if (day !== lastDay.number) {
    lastDay = { number: day, text: new Date(day * DAY_MS).toISOString().slice(0, 10) };
  }
  return lastDay.text;
}
