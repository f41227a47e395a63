import { Injectable } from '@nestjs/common';
import {
  RiskGateway,
  type AlgoControlRequest,
  type AlgoStartRequest,
  type CancelRequest,
  type RiskCheckRequest,
  type RiskDecision,
} from '@qmt/contracts';
import { AlgoEngine } from '../algo/algo-engine.service.js';
import { RiskCheckService } from './risk-check.service.js';

/** RiskService.Check satisfied in the same process (the all-in-one desk). */
@Injectable()
export class InProcessRiskGateway extends RiskGateway {
  constructor(
    private readonly checks: RiskCheckService,
    private readonly algo: AlgoEngine,
  ) {
    super();
  }

  check(request: RiskCheckRequest): Promise<RiskDecision> {
    return this.checks.check(request);
  }

  requestCancel(request: CancelRequest): Promise<RiskDecision> {
    return this.checks.requestCancel(request);
  }

  startAlgo(request: AlgoStartRequest): Promise<RiskDecision> {
    return this.algo.start(request.parentId);
  }

  controlAlgo(request: AlgoControlRequest): Promise<RiskDecision> {
    return this.algo.control(request.parentId, request.action);
  }
}
