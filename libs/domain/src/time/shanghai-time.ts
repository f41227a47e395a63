// Exchange time is Asia/Shanghai: UTC+8 all year, no daylight saving (cn-market-rules.md §5), so
// a fixed offset is exact and no time-zone database is needed.

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** Wall-clock time of day in Asia/Shanghai. */
export function shanghaiTimeOfDay(instant: Date): {
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
} {
  const local = new Date(instant.getTime() + SHANGHAI_OFFSET_MS);
  return {
    hours: local.getUTCHours(),
    minutes: local.getUTCMinutes(),
    seconds: local.getUTCSeconds(),
  };
}

/**
 * The calendar day 'YYYY-MM-DD' of the instant in Asia/Shanghai. Whether it is a trading day is
 * the calendar's business (holidays), not this function's.
 */
export function tradingDayOf(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}
