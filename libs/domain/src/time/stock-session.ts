// SH/SZ/BJ stock, fund and convertible-bond session phases: cn-market-rules.md §5. Each phase
// starts at its boundary second inclusive and ends just before the next one.
import { shanghaiSecondOfDay, tradingDayOf } from './shanghai-time.js';

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

const at = (hours: number, minutes: number): number => hours * 3600 + minutes * 60;

// Start of each phase in seconds after Shanghai midnight, ascending.
const PHASE_STARTS: readonly (readonly [startSecond: number, phase: SessionPhase])[] = [
  [at(0, 0), 'CLOSED'],
  // Brokers queue orders from about 09:00; the exchange takes them from 09:15.
  [at(9, 0), 'PRE_OPEN'],
  [at(9, 15), 'OPENING_AUCTION'],
  // 09:20–09:25: orders still accepted, cancels refused.
  [at(9, 20), 'OPENING_AUCTION_NO_CANCEL'],
  // 09:25–09:30: the opening match; some brokers hold orders, the gateway treats it as closed.
  [at(9, 25), 'PRE_CONTINUOUS'],
  [at(9, 30), 'CONTINUOUS'],
  [at(11, 30), 'LUNCH_BREAK'],
  [at(13, 0), 'CONTINUOUS'],
  // 14:57–15:00: closing call auction, cancels refused, limit orders only.
  [at(14, 57), 'CLOSING_AUCTION'],
  [at(15, 0), 'CLOSED'],
  // 15:05–15:30: STAR and ChiNext after-hours fixed-price trading only.
  [at(15, 5), 'AFTER_HOURS_FIXED_PRICE'],
  [at(15, 30), 'CLOSED'],
];

/**
 * The SH/SZ/BJ stock session phase at an instant. Holidays come from the trading calendar
 * (`isTradingDay` of a 'YYYY-MM-DD' Shanghai day), never from weekdays alone.
 */
export function stockSessionPhase(
  instant: Date,
  isTradingDay: (day: string) => boolean,
): SessionPhase {
  if (!isTradingDay(tradingDayOf(instant))) {
    return 'CLOSED';
  }
  const second = shanghaiSecondOfDay(instant);
  let phase: SessionPhase = 'CLOSED';
  for (const [start, startingPhase] of PHASE_STARTS) {
    if (second >= start) {
      phase = startingPhase;
    }
  }
  return phase;
}
