import { Controller, UseInterceptors } from '@nestjs/common';
import { RpcContextInterceptor } from '@qmt/runtime';
import { GrpcMethod } from '@nestjs/microservices';
import { AlgoAction, type RiskDecision } from '@qmt/contracts';
import { AlgoEngine } from '../algo/algo-engine.service.js';
import { RiskCheckService } from '../checks/risk-check.service.js';

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
  ) {}

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
