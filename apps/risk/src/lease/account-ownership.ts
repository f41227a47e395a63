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
