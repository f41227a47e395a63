// The OMS ↔ risk contract, shared by the gRPC and in-process adapters.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RiskCheckRequest {
  readonly orderId: string;
  readonly accountId: string;
  readonly strategyId: string;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly orderType: number;
  readonly priceType: number;
  /** 0.0001 CNY units; null for market and latest-price orders. */
  readonly price: number | null;
  readonly quantity: number;
}

export interface CancelRequest {
  readonly orderId: string;
  readonly accountId: string;
  readonly strategyId: string;
  /** The broker's order id when known; otherwise the connector looks the remark up. */
  readonly brokerOrderId: number | null;
}

export interface RiskRejection {
  readonly rule: string;
  readonly message: string;
  readonly details: Readonly<Record<string, string>>;
}

export type RiskDecision =
  { readonly approved: true } | { readonly approved: false; readonly rejection: RiskRejection };

/** An algo parent the OMS stored (algo_orders) for the risk service's algo runtime to run. */
export interface AlgoStartRequest {
  readonly parentId: string;
}

export const AlgoAction = { PAUSE: 'PAUSE', RESUME: 'RESUME', CANCEL: 'CANCEL' } as const;
export type AlgoAction = (typeof AlgoAction)[keyof typeof AlgoAction];

export interface AlgoControlRequest {
  readonly parentId: string;
  readonly action: AlgoAction;
}

/** The limit document in force (GET /v1/risk/limits) and its version. */
export interface LimitsView {
  readonly document: unknown;
  readonly version: number;
}

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** PUT /v1/risk/limits: the whole document; `by` is the principal, for the stored row. */
export interface SetLimitsRequest {
  readonly document: unknown;
  readonly by: string;
}

export type SetLimitsResult =
  | {
      readonly ok: true;
      readonly version: number;
      readonly before: unknown;
      readonly after: unknown;
    }
  | { readonly ok: false; readonly errors: readonly FieldIssue[] };

export const KILL_SWITCH_MODES = ['ACTIVE', 'REDUCE_ONLY', 'HALTED'] as const;
export type KillSwitchModeName = (typeof KILL_SWITCH_MODES)[number];
export const KILL_SWITCH_SCOPES = ['global', 'account', 'strategy'] as const;
export type KillSwitchScopeType = (typeof KILL_SWITCH_SCOPES)[number];

/** POST /v1/risk/kill-switch as risk takes it (cancelOpen is the OMS's work). */
export interface SetKillSwitchRequest {
  readonly scope: { readonly type: KillSwitchScopeType; readonly id?: string };
  readonly mode: KillSwitchModeName;
  readonly by: string;
  readonly reason: string;
}

export type SetKillSwitchResult =
  | {
      readonly ok: true;
      readonly before: KillSwitchModeName;
      readonly after: KillSwitchModeName;
    }
  | { readonly ok: false; readonly errors: readonly FieldIssue[] };

/** Checks one order; approval means it is reserved and queued for its connector. */
export abstract class RiskGateway {
  /** The limits in force in the risk service. */
  abstract getLimits(): Promise<LimitsView>;
  /** Replaces the limit document; a bad one changes nothing and names each bad path. */
  abstract setLimits(request: SetLimitsRequest): Promise<SetLimitsResult>;
  /** Sets a kill switch scope's mode (stored, so it survives restarts). */
  abstract setKillSwitch(request: SetKillSwitchRequest): Promise<SetKillSwitchResult>;
  abstract check(request: RiskCheckRequest): Promise<RiskDecision>;
  /** Checks a cancel; approval means it is queued for the order's connector. */
  abstract requestCancel(request: CancelRequest): Promise<RiskDecision>;
  /**
   * Arms a stored algo parent: builds its schedule and queues its first bucket. Approval means
   * the parent will run; every child then passes `check` like any other order. Idempotent.
   */
  abstract startAlgo(request: AlgoStartRequest): Promise<RiskDecision>;
  /** Pauses, resumes or cancels a parent (cancel also cancels its working children). */
  abstract controlAlgo(request: AlgoControlRequest): Promise<RiskDecision>;
}

/** Absolute path of a .proto shipped in libs/contracts/proto (works from src and dist). */
export function protoPath(file: string): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'proto', file);
}

export const RISK_PROTO_PACKAGE = 'qmt.risk.v1';
