// Exchange time in Asia/Shanghai (UTC+8 all year, no DST): cn-market-rules.md §5.

/** The domain never reads the wall clock itself; adapters pass a Clock. */
export interface Clock {
  now(): Date;
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

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

/** 'YYYY-MM-DD' of the instant in Asia/Shanghai. */
export function tradingDayOf(instant: Date): string {
  return new Date(instant.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

export type SessionPhase =
  | 'CLOSED'
  | 'PRE_OPEN'
  | 'OPENING_AUCTION'
  | 'OPENING_AUCTION_NO_CANCEL'
  | 'PRE_CONTINUOUS'
  | 'CONTINUOUS'
  | 'LUNCH_BREAK'
  | 'CLOSING_AUCTION'
  | 'AFTER_HOURS_FIXED_PRICE';

const PHASES: readonly (readonly [fromSeconds: number, phase: SessionPhase])[] = [
  [0, 'CLOSED'],
  [9 * 3600, 'PRE_OPEN'],
  [9 * 3600 + 15 * 60, 'OPENING_AUCTION'],
  [9 * 3600 + 20 * 60, 'OPENING_AUCTION_NO_CANCEL'],
  [9 * 3600 + 25 * 60, 'PRE_CONTINUOUS'],
  [9 * 3600 + 30 * 60, 'CONTINUOUS'],
  [11 * 3600 + 30 * 60, 'LUNCH_BREAK'],
  [13 * 3600, 'CONTINUOUS'],
  [14 * 3600 + 57 * 60, 'CLOSING_AUCTION'],
  [15 * 3600, 'CLOSED'],
  [15 * 3600 + 5 * 60, 'AFTER_HOURS_FIXED_PRICE'],
  [15 * 3600 + 30 * 60, 'CLOSED'],
];

/** SH/SZ/BJ stock session phase at an instant; holidays come from the calendar callback. */
export function stockSessionPhase(
  instant: Date,
  isTradingDay: (day: string) => boolean,
): SessionPhase {
  if (!isTradingDay(tradingDayOf(instant))) {
    return 'CLOSED';
  }
  const { hours, minutes, seconds } = shanghaiTimeOfDay(instant);
  const t = hours * 3600 + minutes * 60 + seconds;
  let phase: SessionPhase = 'CLOSED';
  for (const [from, p] of PHASES) {
    if (t >= from) {
      phase = p;
    }
  }
  return phase;
}
