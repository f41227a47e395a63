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

/** Checks one order; approval means it is reserved and queued for its connector. */
export abstract class RiskGateway {
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
