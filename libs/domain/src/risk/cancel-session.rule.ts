// Cancels are refused by the exchange 09:20–09:25 and 14:57–15:00 (cn-market-rules.md §5: the
// end of the opening call auction and the closing call auction). Futures cancel in any session.
import { stockSessionPhase, type SessionPhase } from '../time/index.js';
import { PASS, fail } from './verdict.js';
import type { CancelRiskRule } from './order-risk-context.js';

const NO_CANCEL: ReadonlySet<SessionPhase> = new Set([
  'OPENING_AUCTION_NO_CANCEL',
  'CLOSING_AUCTION',
]);

export const cancelSessionRule: CancelRiskRule = ({ instrument, now, isTradingDay }) => {
  if (instrument.security.board === 'FUTURE') {
    return PASS;
  }
  const phase = stockSessionPhase(now, isTradingDay);
  return NO_CANCEL.has(phase)
    ? fail('SESSION_CLOSED', `the exchange takes no cancels in the ${phase} phase`, {
        observed: phase,
        limit: 'a phase that takes cancels',
      })
    : PASS;
};
