import { Controller, UseInterceptors } from '@nestjs/common';
import { RpcContextInterceptor } from '@qmt/runtime';
import { GrpcMethod } from '@nestjs/microservices';
import {
  AlgoAction,
  type KillSwitchModeName,
  type KillSwitchScopeType,
  type RiskDecision,
  type SetKillSwitchResult,
  type SetLimitsResult,
} from '@qmt/contracts';
import { AlgoEngine } from '../algo/algo-engine.service.js';
import { RiskCheckService } from '../checks/risk-check.service.js';
import { RiskAdmin } from '../controls/risk-admin.js';

/** qmt.risk.v1.RiskService messages as @grpc/proto-loader hands them over (keepCase: false). */
export interface CheckRequestMessage {
  orderId: string;
  accountId: string;
  strategyId: string;
  symbol: string;
  side: string;
  orderType: number;
  priceType: number;
  price: number;
  hasPrice: boolean;
  quantity: number;
}

export interface CancelRequestMessage {
  orderId: string;
  accountId: string;
  strategyId: string;
  brokerOrderId: number;
}

export interface AlgoStartMessage {
  parentId: string;
}

export interface AlgoControlMessage {
  parentId: string;
  action: string;
}

export interface LimitsMessage {
  documentJson: string;
  version: number;
}

export interface ChangeLimitsMessage {
  documentJson: string;
  by: string;
}

export interface ChangeKillSwitchMessage {
  scopeType: string;
  scopeId: string;
  mode: string;
  by: string;
  reason: string;
}

export interface ChangeResultMessage {
  ok: boolean;
  version: number;
  beforeJson: string;
  afterJson: string;
  errors: { path: string; message: string }[];
}

/** A SetLimits / SetKillSwitch result as the wire carries it. */
export function changeResultMessage(
  result: SetLimitsResult | SetKillSwitchResult,
): ChangeResultMessage {
  if (!result.ok) {
    return { ok: false, version: 0, beforeJson: '', afterJson: '', errors: [...result.errors] };
  }
  return {
    ok: true,
    version: 'version' in result ? result.version : 0,
    beforeJson: JSON.stringify(result.before),
    afterJson: JSON.stringify(result.after),
    errors: [],
  };
}

export interface CheckResponseMessage {
  approved: boolean;
  rejection?: { rule: string; message: string; details: Record<string, string> };
}

// Request id and order fields on every log line of a call (global interceptors skip gRPC).
@Controller()
@UseInterceptors(RpcContextInterceptor)
export class RiskGrpcController {
  constructor(
    private readonly checks: RiskCheckService,
    private readonly algo: AlgoEngine,
    private readonly admin: RiskAdmin,
  ) {}

  @GrpcMethod('RiskService', 'ReadLimits')
  readLimits(): LimitsMessage {
    const view = this.admin.getLimits();
    return { documentJson: JSON.stringify(view.document), version: view.version };
  }

  @GrpcMethod('RiskService', 'ChangeLimits')
  async changeLimits(request: ChangeLimitsMessage): Promise<ChangeResultMessage> {
    let document: unknown;
    try {
      document = JSON.parse(request.documentJson);
    } catch {
      return changeResultMessage({
        ok: false,
        errors: [{ path: '', message: 'the limit document is not JSON' }],
      });
    }
    return changeResultMessage(await this.admin.setLimits({ document, by: request.by }));
  }

  @GrpcMethod('RiskService', 'ChangeKillSwitch')
  async changeKillSwitch(request: ChangeKillSwitchMessage): Promise<ChangeResultMessage> {
    return changeResultMessage(
      await this.admin.setKillSwitch({
        scope: {
          type: request.scopeType as KillSwitchScopeType,
          ...(request.scopeId === '' ? {} : { id: request.scopeId }),
        },
        mode: request.mode as KillSwitchModeName,
        by: request.by,
        reason: request.reason,
      }),
    );
  }

  @GrpcMethod('RiskService', 'StartAlgo')
  async startAlgo(request: AlgoStartMessage): Promise<CheckResponseMessage> {
    return responseOf(await this.algo.start(request.parentId));
  }

  @GrpcMethod('RiskService', 'ControlAlgo')
  async controlAlgo(request: AlgoControlMessage): Promise<CheckResponseMessage> {
    const action = Object.values(AlgoAction).find((a) => a === request.action);
    if (action === undefined) {
      return {
        approved: false,
        rejection: {
          rule: 'INVALID_ORDER',
          message: `algo action ${request.action} is not PAUSE, RESUME or CANCEL`,
          details: {},
        },
      };
    }
    return responseOf(await this.algo.control(request.parentId, action));
  }

  @GrpcMethod('RiskService', 'Check')
  async check(request: CheckRequestMessage): Promise<CheckResponseMessage> {
    if (request.side !== 'BUY' && request.side !== 'SELL') {
      return {
        approved: false,
        rejection: {
          rule: 'INVALID_ORDER',
          message: `side ${request.side} is not BUY or SELL`,
          details: {},
        },
      };
    }
    const decision = await this.checks.check({
      orderId: request.orderId,
      accountId: request.accountId,
      strategyId: request.strategyId,
      symbol: request.symbol,
      side: request.side,
      orderType: request.orderType,
      priceType: request.priceType,
      price: request.hasPrice ? Number(request.price) : null,
      quantity: Number(request.quantity),
    });
    return responseOf(decision);
  }

  @GrpcMethod('RiskService', 'RequestCancel')
  async requestCancel(request: CancelRequestMessage): Promise<CheckResponseMessage> {
    const brokerOrderId = Number(request.brokerOrderId);
    return responseOf(
      await this.checks.requestCancel({
        orderId: request.orderId,
        accountId: request.accountId,
        strategyId: request.strategyId,
        brokerOrderId: brokerOrderId > 0 ? brokerOrderId : null,
      }),
    );
  }
}

function responseOf(decision: RiskDecision): CheckResponseMessage {
  return decision.approved
    ? { approved: true }
    : {
        approved: false,
        rejection: { ...decision.rejection, details: { ...decision.rejection.details } },
      };
}
