import type { RiskDecision } from '@qmt/contracts';
import type { OrderEvent } from '@qmt/domain';
import type { NewOrderEvent } from '@qmt/persistence';

/** A risk verdict on an order as the event to record: what the OMS and the algo engine store. */
export interface RiskVerdictRecord {
  readonly event: NewOrderEvent & { readonly orderId: string };
  readonly change: OrderEvent;
  /** The rejection's compared values; absent for an approval. */
  readonly rejectionDetails?: Readonly<Record<string, unknown>>;
}

/**
 * RISK_APPROVED, or RISK_REJECTED with the rule and message (its payload the whole rejection),
 * under the order's one verdict event id `risk:<orderId>`.
 */
export function riskVerdictRecord(
  order: { readonly orderId: string; readonly accountId: string },
  decision: RiskDecision,
  ts: Date,
): RiskVerdictRecord {
  const event = {
    eventId: `risk:${order.orderId}`,
    orderId: order.orderId,
    accountId: order.accountId,
    type: decision.approved ? 'RISK_APPROVED' : 'RISK_REJECTED',
    source: 'risk',
    payload: decision.approved ? {} : { ...decision.rejection },
    ts,
  };
  return decision.approved
    ? { event, change: { type: 'RISK_APPROVED' } }
    : {
        event,
        change: {
          type: 'RISK_REJECTED',
          rule: decision.rejection.rule,
          message: decision.rejection.message,
        },
        rejectionDetails: { ...decision.rejection.details },
      };
}
