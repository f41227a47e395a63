// The SH/SZ trading calendar: Monday to Friday, less the exchange holidays the desk is given
// (cn-market-rules §5: holidays come from the calendar, never from weekdays alone).

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `day` is a real calendar day written YYYY-MM-DD. */
export function isIsoDay(day: string): boolean {
  const match = ISO_DAY.exec(day);
  if (match === null) {
    return false;
  }
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/** Monday to Friday (a Shanghai calendar day, YYYY-MM-DD). */
export function isWeekday(day: string): boolean {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * `isTradingDay` of a calendar with these holidays (YYYY-MM-DD; weekend days among them change
 * nothing). The last answer is kept, since a check asks about the same day over and over.
 */
export function tradingCalendar(holidays: Iterable<string>): (day: string) => boolean {
  const closed = new Set(holidays);
  let last = { day: '', open: false };
  return (day: string): boolean => {
    if (last.day !== day) {
      last = { day, open: isWeekday(day) && !closed.has(day) };
    }
    return last.open;
  };
}

/** The last trading day before `day` (YYYY-MM-DD) within 30 days, null when there is none. */
export function previousTradingDay(
  day: string,
  isTradingDay: (day: string) => boolean,
): string | null {
  const start = Date.parse(`${day}T00:00:00Z`);
  for (let back = 1; back <= 30; back++) {
    const candidate = new Date(start - back * 86_400_000).toISOString().slice(0, 10);
    if (isTradingDay(candidate)) {
      return candidate;
    }
  }
  return null;
}
