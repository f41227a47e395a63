import { Injectable } from '@nestjs/common';
import {
  RiskGateway,
  type AlgoControlRequest,
  type AlgoStartRequest,
  type CancelRequest,
  type LimitsView,
  type SetKillSwitchRequest,
  type SetKillSwitchResult,
  type SetLimitsRequest,
  type SetLimitsResult,
  type RiskCheckRequest,
  type RiskDecision,
} from '@qmt/contracts';
import { AlgoEngine } from '../algo/algo-engine.service.js';
import { RiskAdmin } from '../controls/risk-admin.js';
import { RiskCheckService } from './risk-check.service.js';

/** RiskService.Check satisfied in the same process (the all-in-one desk). */
@Injectable()
export class InProcessRiskGateway extends RiskGateway {
  constructor(
    private readonly checks: RiskCheckService,
    private readonly algo: AlgoEngine,
    private readonly admin: RiskAdmin,
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

  getLimits(): Promise<LimitsView> {
    return Promise.resolve(this.admin.getLimits());
  }

  setLimits(request: SetLimitsRequest): Promise<SetLimitsResult> {
    return this.admin.setLimits(request);
  }

  setKillSwitch(request: SetKillSwitchRequest): Promise<SetKillSwitchResult> {
    return this.admin.setKillSwitch(request);
  }
}
