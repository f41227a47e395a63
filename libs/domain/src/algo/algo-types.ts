// Vocabulary shared by the schedule functions: the parent's algo parameters as the API gives them
// (API.md `algo`), and the parent as the planner sees it once they are resolved.
import type { Security } from '../instrument/index.js';
import type { Price } from '../money/index.js';
import type { Side } from '../order/index.js';

export const AlgoType = { VWAP: 'VWAP', TWAP: 'TWAP' } as const;
export type AlgoType = (typeof AlgoType)[keyof typeof AlgoType];

/** How hard a parent chases its schedule and the book (issue 6). */
export const Urgency = {
  PASSIVE: 'PASSIVE',
  NEUTRAL: 'NEUTRAL',
  AGGRESSIVE: 'AGGRESSIVE',
} as const;
export type Urgency = (typeof Urgency)[keyof typeof Urgency];

/**
 * A time the caller gives: an instant, an ISO 8601 string with an explicit offset or `Z`, or an
 * exchange time of day `HH:MM` / `HH:MM:SS` (Asia/Shanghai) on the trading day of `now`.
 */
export type AlgoTime = Date | string;

/** The `algo` object of POST /v1/orders, plus the urgency. */
export interface AlgoParams {
  readonly type: AlgoType;
  readonly startTime?: AlgoTime;
  readonly endTime?: AlgoTime;
  /** Continuous-trading seconds (lunch and auctions do not count). */
  readonly durationSeconds?: number;
  /** Share of observed market volume, in (0, 1]. */
  readonly maxParticipation?: number;
  /** 0.0001 CNY units; a buy never pays more, a sell never takes less. */
  readonly limitPrice?: Price;
  readonly urgency?: Urgency;
}

/** The parent as the schedule and the planner read it, after validation. */
export interface AlgoParent {
  readonly type: AlgoType;
  readonly side: Side;
  readonly quantity: number;
  readonly security: Security;
  readonly urgency: Urgency;
  /** null: no participation cap. */
  readonly maxParticipation: number | null;
  readonly limitPrice: Price | null;
}
