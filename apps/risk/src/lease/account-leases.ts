import { AccountOwnership, type OwnershipListener } from './account-ownership.js';
import type { LeaseStore } from './lease-store.js';

export interface AccountLeaseOptions {
  readonly instanceId: string;
  /** Accounts this instance tries to hold; the others it takes only when their lease is free. */
  readonly preferred: readonly string[];
  readonly accounts: readonly string[];
  readonly ttlMs: number;
  readonly keyPrefix: string;
  /** Takes leases of accounts outside `preferred` that nobody holds (takeover). */
  readonly takeOver: boolean;
  /**
   * The gRPC address (host:port) other processes reach this instance at: announced with every
   * renewal under riskInstanceKey, so an OMS can send an account's checks to its owner.
   */
  readonly address?: string;
}

export const leaseKey = (prefix: string, accountId: string): string => `${prefix}:${accountId}`;

/** The accounts' lease keys (`<prefix>:<account id>`) unless RiskLeaseOptions names another. */
export const RISK_LEASE_KEY_PREFIX = 'qmt:risk:lease';

/** Where a leased risk instance announces its gRPC address (LeaseFollowingRiskGateway reads it). */
export const RISK_INSTANCE_KEY_PREFIX = 'qmt:risk:instance';
export const riskInstanceKey = (instanceId: string): string =>
  `${RISK_INSTANCE_KEY_PREFIX}:${instanceId}`;

/**
 * Each account owned by one risk instance at a time (issue 5 §7): a lease per account in Redis,
 * renewed every third of its TTL. An instance routes an account only while its local deadline,
 * taken before the renewal was sent, has not passed, so it stops before the key can expire and
 * another instance take it. A dead instance's accounts are free once their TTL runs out and the
 * next renewal round of a live instance takes them (docs/risk-service.md "Leases").
 */
export class AccountLeases extends AccountOwnership {
  private readonly deadlines = new Map<string, number>();
  private readonly owners = new Map<string, string>();
  private readonly listeners: OwnershipListener[] = [];
  /** What the listeners were last told is held. */
  private told = new Set<string>();
  private startedAt: number | null = null;

  constructor(
    private readonly store: LeaseStore,
    private readonly options: AccountLeaseOptions,
    private readonly nowMs: () => number,
  ) {
    super();
  }

  get ttlMs(): number {
    return this.options.ttlMs;
  }

  get instanceId(): string {
    return this.options.instanceId;
  }

  holds(accountId: string): boolean {
    return (this.deadlines.get(accountId) ?? 0) > this.nowMs();
  }

  ownerOf(accountId: string): string | null {
    return this.holds(accountId) ? this.instanceId : (this.owners.get(accountId) ?? null);
  }

  held(): string[] {
    return this.heldOf(this.options.accounts);
  }

  override onChange(listener: OwnershipListener): void {
    this.listeners.push(listener);
  }

  /** One renewal round: renew what we hold, take preferred (and, on takeover, free) accounts. */
  async renew(): Promise<readonly string[]> {
    try {
      await this.renewRound();
    } finally {
      // Also when Redis failed mid-round: a lease whose local deadline passed is lost all the
      // same, and the algo engine must stop working its queue.
      await this.tell(this.held());
    }
    return this.held();
  }

  private async renewRound(): Promise<void> {
    this.startedAt ??= this.nowMs();
    // A new instance waits one TTL before taking accounts it does not prefer, so their
    // preferred owners, starting at about the same time, claim them first.
    const mayTakeOver =
      this.options.takeOver && this.nowMs() - this.startedAt >= this.options.ttlMs;
    for (const accountId of this.options.accounts) {
      const key = leaseKey(this.options.keyPrefix, accountId);
      const mine = this.holds(accountId);
      const wanted = mine || this.options.preferred.includes(accountId) || mayTakeOver;
      if (!wanted) {
        continue;
      }
      const sentAt = this.nowMs();
      if (await this.store.acquire(key, this.instanceId, this.options.ttlMs)) {
        this.deadlines.set(accountId, sentAt + this.options.ttlMs);
        this.owners.set(accountId, this.instanceId);
      } else {
        this.deadlines.delete(accountId);
        this.owners.set(accountId, (await this.store.holder(key)) ?? '');
      }
    }
    if (this.options.address !== undefined) {
      await this.store.announce(
        riskInstanceKey(this.instanceId),
        this.options.address,
        this.options.ttlMs,
      );
    }
  }

  /** Tells the listeners what changed since they were last told (a lease lapsed counts too). */
  private async tell(held: readonly string[]): Promise<void> {
    const now = new Set(held);
    const gained = held.filter((a) => !this.told.has(a));
    const lost = [...this.told].filter((a) => !now.has(a));
    this.told = now;
    if (gained.length === 0 && lost.length === 0) {
      return;
    }
    for (const listener of this.listeners) {
      await listener({ gained, lost });
    }
  }

  /** Hands every lease back at shutdown, so another instance takes over at once. */
  async releaseAll(): Promise<void> {
    for (const accountId of this.held()) {
      this.deadlines.delete(accountId);
      await this.store.release(leaseKey(this.options.keyPrefix, accountId), this.instanceId);
    }
    if (this.options.address !== undefined) {
      await this.store.release(riskInstanceKey(this.instanceId), this.options.address);
    }
    await this.tell([]);
  }

  async close(): Promise<void> {
    await this.releaseAll();
    await this.store.close();
  }
}
