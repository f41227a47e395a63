// How much of the regulator's high-frequency thresholds an account uses (cn-market-rules §8:
// orders plus cancels reaching 300 per second or 20,000 per day). The app raises its warning
// metric from FLOW_WARNING_SHARE; the hard stop is the ORDER_RATE / DAILY_ORDER_LIMIT rule.
import type { ProgrammaticThresholds } from './limits.js';
import type { FlowCounts } from './order-risk-context.js';

export const FLOW_WARNING_SHARE = 0.8;

export interface FlowUsage {
  /** Messages in the current second over the per-second threshold (0.8 = 80%). */
  readonly perSecond: number;
  readonly perDay: number;
}

export function flowUsage(
  flow: Pick<FlowCounts, 'accountMessagesLastSecond' | 'accountMessagesToday'>,
  thresholds: ProgrammaticThresholds,
): FlowUsage {
  return {
    perSecond: flow.accountMessagesLastSecond / thresholds.messagesPerSecond,
    perDay: flow.accountMessagesToday / thresholds.messagesPerDay,
  };
}

type FlowThreshold = 'perSecond' | 'perDay';
// Shared answers: the check asks on every approved order, and almost always gets NONE.
const NONE: readonly FlowThreshold[] = [];
const PER_SECOND: readonly FlowThreshold[] = ['perSecond'];
const PER_DAY: readonly FlowThreshold[] = ['perDay'];
const BOTH: readonly FlowThreshold[] = ['perSecond', 'perDay'];

/** The thresholds at or beyond the warning share, for the warning metric's labels. */
export function flowWarnings(usage: FlowUsage): readonly FlowThreshold[] {
  const second = usage.perSecond >= FLOW_WARNING_SHARE;
  const day = usage.perDay >= FLOW_WARNING_SHARE;
  return second ? (day ? BOTH : PER_SECOND) : day ? PER_DAY : NONE;
}

/**
 * The most messages the account may have sent, this one included, and stay below a threshold:
 * the rules refuse the message that would *reach* it, since reaching it makes the account a
 * high-frequency trader.
 */
export function belowThreshold(threshold: number): number {
  return threshold - 1;
}
