import type { OnApplicationShutdown } from '@nestjs/common';
import {
  RiskGateway,
  type AlgoControlRequest,
  type AlgoStartRequest,
  type CancelRequest,
  type LimitsView,
  type RiskCheckRequest,
  type RiskDecision,
  type SetKillSwitchRequest,
  type SetKillSwitchResult,
  type SetLimitsRequest,
  type SetLimitsResult,
} from '@qmt/contracts';
import { refusedAsNotOwner } from '../lease/account-ownership.js';

/** Where each leased risk instance can be reached (RedisRiskInstances). */
export interface RiskInstanceDirectory {
  /** The gRPC address an instance announced, null when it announces none (or is gone). */
  addressOf(instanceId: string): Promise<string | null>;
  /** The instance holding an account's lease, null when nobody does. */
  ownerOf(accountId: string): Promise<string | null>;
  close(): Promise<void>;
}

/** A risk instance's gateway at one address, closed when the router closes. */
export type AddressedRiskGateway = RiskGateway & { close(): void };

/** How many instances one call may visit: a lease moves rarely, and never in a loop. */
const MAX_INSTANCES_PER_CALL = 3;

/** The owner named by a risk instance's ACCOUNT_NOT_OWNED refusal, else null. */
export function ownerNamedBy(decision: RiskDecision): string | null {
  if (decision.approved || decision.rejection.details['reason'] !== 'ACCOUNT_NOT_OWNED') {
    return null;
  }
  const owner = decision.rejection.details['owner'];
  return owner === undefined || owner === '' ? null : owner;
}

/**
 * The OMS's RiskGateway when several risk instances lease the accounts (docs/risk-service.md
 * "Leases"): a call goes to the instance last seen owning its account (the configured
 * RISK_GRPC_URL at first); an instance that does not own it refuses ACCOUNT_NOT_OWNED, naming
 * the owner when it knows it (else the account's lease in Redis names it), and this calls the
 * owner's announced address instead. Forwarding a refused call is safe: an instance that does
 * not hold the lease reserves and routes nothing. When nobody holds the lease (it is being taken
 * over) the refusal is the answer, as from a lone instance.
 */
export class LeaseFollowingRiskGateway extends RiskGateway implements OnApplicationShutdown {
  private readonly gateways = new Map<string, AddressedRiskGateway>();
  private readonly addressOfAccount = new Map<string, string>();

  constructor(
    private readonly home: string,
    private readonly instances: RiskInstanceDirectory,
    private readonly connect: (address: string) => AddressedRiskGateway,
  ) {
    super();
  }

  check(request: RiskCheckRequest): Promise<RiskDecision> {
    return this.follow(request.accountId, (gateway) => gateway.check(request));
  }

  requestCancel(request: CancelRequest): Promise<RiskDecision> {
    return this.follow(request.accountId, (gateway) => gateway.requestCancel(request));
  }

  startAlgo(request: AlgoStartRequest): Promise<RiskDecision> {
    return this.follow(null, (gateway) => gateway.startAlgo(request));
  }

  controlAlgo(request: AlgoControlRequest): Promise<RiskDecision> {
    return this.follow(null, (gateway) => gateway.controlAlgo(request));
  }

  // Limits and kill switches are stored in Postgres and reach every instance: any one will do.
  getLimits(): Promise<LimitsView> {
    return this.gateway(this.home).getLimits();
  }

  setLimits(request: SetLimitsRequest): Promise<SetLimitsResult> {
    return this.gateway(this.home).setLimits(request);
  }

  setKillSwitch(request: SetKillSwitchRequest): Promise<SetKillSwitchResult> {
    return this.gateway(this.home).setKillSwitch(request);
  }

  async onApplicationShutdown(): Promise<void> {
    for (const gateway of this.gateways.values()) {
      gateway.close();
    }
    this.gateways.clear();
    await this.instances.close();
  }

  private async follow(
    accountId: string | null,
    call: (gateway: RiskGateway) => Promise<RiskDecision>,
  ): Promise<RiskDecision> {
    let address =
      (accountId === null ? undefined : this.addressOfAccount.get(accountId)) ?? this.home;
    const visited = new Set<string>();
    for (;;) {
      visited.add(address);
      let decision: RiskDecision;
      try {
        decision = await call(this.gateway(address));
      } catch (error) {
        // The owner last seen is unreachable (gone, its lease soon another's): forget it, so the
        // retry (the pending-risk sweeper's) starts from the configured instance again. Not
        // retried here: the failed call may have reached it.
        if (accountId !== null && this.addressOfAccount.get(accountId) === address) {
          this.addressOfAccount.delete(accountId);
        }
        throw error;
      }
      if (decision.approved || !refusedAsNotOwner(decision)) {
        if (accountId !== null) {
          this.addressOfAccount.set(accountId, address);
        }
        return decision;
      }
      // An instance knows the holders only of accounts it competes for: the lease is the truth.
      // Algo calls name a parent, not an account: the refusal names the parent's account.
      const refusedAccount = accountId ?? decision.rejection.details['accountId'] ?? null;
      const owner =
        ownerNamedBy(decision) ??
        (refusedAccount === null
          ? null
          : await this.instances.ownerOf(refusedAccount).catch(() => null));
      if (owner === null) {
        return decision;
      }
      const next = await this.instances.addressOf(owner).catch(() => null);
      if (next === null || visited.has(next) || visited.size >= MAX_INSTANCES_PER_CALL) {
        return decision;
      }
      address = next;
    }
  }

  private gateway(address: string): AddressedRiskGateway {
    let gateway = this.gateways.get(address);
    if (gateway === undefined) {
      gateway = this.connect(address);
      this.gateways.set(address, gateway);
    }
    return gateway;
  }
}
