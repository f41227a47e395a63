// The intraday volume curve of A-shares: heavy at the open, light at lunch-time, heavy again
// into the close (the "U"). Used by the synthetic tick source and the sim's 1-minute bars, so a
// VWAP volume profile built from the sim's history matches what its ticks then trade.

/** Minutes since 09:30 of the 240 continuous-session minutes (09:30–11:30, 13:00–15:00). */
export const SESSION_MINUTES = 240;

/** Shanghai time of day (h, m) of session minute i (0–239). */
export function sessionMinuteTime(i: number): { readonly hours: number; readonly minutes: number } {
  const fromOpen = i < 120 ? 9 * 60 + 30 + i : 13 * 60 + (i - 120);
  return { hours: Math.floor(fromOpen / 60), minutes: fromOpen % 60 };
}

/** Session minute (0–239) of a Shanghai time of day, or null outside continuous trading. */
export function sessionMinuteOf(hours: number, minutes: number): number | null {
  const t = hours * 60 + minutes;
  if (t >= 9 * 60 + 30 && t < 11 * 60 + 30) {
    return t - (9 * 60 + 30);
  }
  if (t >= 13 * 60 && t < 15 * 60) {
    return 120 + t - 13 * 60;
  }
  return null;
}

/**
 * Relative weight of minute i: a parabola over the day, 3x at the open and close against the
 * trough, plus a closing-auction bump in the last three minutes. Weights sum to 1.
 */
export function uShapeWeights(): readonly number[] {
  const raw = Array.from({ length: SESSION_MINUTES }, (_, i) => {
    const x = (i - (SESSION_MINUTES - 1) / 2) / ((SESSION_MINUTES - 1) / 2);
    return 1 + 2 * x * x + (i >= SESSION_MINUTES - 3 ? 1.5 : 0);
  });
  const total = raw.reduce((sum, w) => sum + w, 0);
  return raw.map((w) => w / total);
}
