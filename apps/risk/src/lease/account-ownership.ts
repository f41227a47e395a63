import type { RiskDecision } from '@qmt/contracts';

/**
 * Which accounts this risk instance may check and route (issue 5 §7): each account is owned by
 * exactly one instance at a time, so its check-and-reserve never runs in two processes. A lone
 * instance (the desk, a single risk service) owns every account; several instances hold Redis
 * leases (RedisAccountLeases).
 */
export abstract class AccountOwnership {
  /** Synchronous: a check asks it between its other synchronous steps. */
  abstract holds(accountId: string): boolean;
  /** The owner's instance id when known (for the refusal), else null. */
  abstract ownerOf(accountId: string): string | null;
  /** This instance's id. */
  abstract get instanceId(): string;

  /** The desk's accounts this instance holds now. */
  heldOf(accountIds: readonly string[]): string[] {
    return accountIds.filter((id) => this.holds(id));
  }

  /**
   * Called after each change of the accounts held (a lease taken, lost or handed back); the
   * algo engine works only its accounts' queues. A lone instance never changes.
   */
  onChange(listener: OwnershipListener): void {
    void listener;
  }
}

export type OwnershipListener = (change: {
  readonly gained: readonly string[];
  readonly lost: readonly string[];
}) => Promise<void>;

/** The refusal of a call on an account this instance does not hold (the OMS follows `owner`). */
export function notOwnedDecision(ownership: AccountOwnership, accountId: string): RiskDecision {
  const owner = ownership.ownerOf(accountId);
  return {
    approved: false,
    rejection: {
      rule: 'CONNECTOR_UNAVAILABLE',
      message: `account ${accountId} is owned by another risk instance${owner === null ? '' : ` (${owner})`}`,
      details: {
        reason: 'ACCOUNT_NOT_OWNED',
        accountId,
        owner: owner ?? '',
        instance: ownership.instanceId,
      },
    },
  };
}

/** A risk instance's refusal of an account whose lease it does not hold (notOwnedDecision). */
export function refusedAsNotOwner(
  decision: RiskDecision,
): decision is Extract<RiskDecision, { readonly approved: false }> {
  return !decision.approved && decision.rejection.details['reason'] === 'ACCOUNT_NOT_OWNED';
}

/** Owns every account: one risk instance per desk. */
export class SoleOwnership extends AccountOwnership {
  constructor(readonly instanceId = 'risk') {
    super();
  }

  holds(): boolean {
    return true;
  }

  ownerOf(): string {
    return this.instanceId;
  }
}
