import { isWeekday, stockSessionPhase, tradingDayOf, type SessionPhase } from '@qmt/domain';

/**
 * The exchange clock the desk trades by. Timestamps are always wall-clock; with the sim's
 * "continuous" mode the session phase is pinned to CONTINUOUS so the sim desk trades at any hour
 * (API.md), while "wall" mode follows the real SH/SZ timetable on weekdays.
 */
export class ExchangeClock {
  /**
   * `scale`: exchange seconds per wall-clock second (1 unless a sim clock runs fast); whoever
   * waits for an exchange instant (the algo runtime's delayed jobs) divides by it.
   */
  constructor(
    readonly mode: 'continuous' | 'wall',
    private readonly wallClock: () => Date = () => new Date(),
    readonly scale = 1,
  ) {}

  private calendar: (day: string) => boolean = isWeekday;

  /** The desk's trading calendar (RuntimeModule sets it from the desk config); weekdays until then. */
  useCalendar(isTradingDay: (day: string) => boolean): void {
    this.calendar = isTradingDay;
  }

  /** Wall-clock milliseconds until an exchange instant (0 when it has passed). */
  wallDelayUntil(instant: Date): number {
    return Math.max(0, (instant.getTime() - this.now().getTime()) / this.scale);
  }

  now(): Date {
    return this.wallClock();
  }

  tradingDay(): string {
    return tradingDayOf(this.now());
  }

  session(): SessionPhase {
    if (this.mode === 'continuous') {
      return 'CONTINUOUS';
    }
    return stockSessionPhase(this.now(), this.calendar);
  }

  get simulated(): boolean {
    return this.mode === 'continuous';
  }
}
