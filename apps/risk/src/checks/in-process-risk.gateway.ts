import { Injectable } from '@nestjs/common';
import {
  RiskGateway,
  type CancelRequest,
  type RiskCheckRequest,
  type RiskDecision,
} from '@qmt/contracts';
import { RiskCheckService } from './risk-check.service.js';

/** RiskService.Check satisfied in the same process (the all-in-one desk). */
@Injectable()
export class InProcessRiskGateway extends RiskGateway {
  constructor(private readonly checks: RiskCheckService) {
    super();
  }

  check(request: RiskCheckRequest): Promise<RiskDecision> {
    return this.checks.check(request);
  }

  requestCancel(request: CancelRequest): Promise<RiskDecision> {
    return this.checks.requestCancel(request);
  }
}
