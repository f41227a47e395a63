import { Injectable } from '@nestjs/common';
import {
  KILL_SWITCH_MODES,
  KILL_SWITCH_SCOPES,
  type FieldIssue,
  type KillSwitchModeName,
  type LimitsView,
  type SetKillSwitchRequest,
  type SetKillSwitchResult,
  type SetLimitsRequest,
  type SetLimitsResult,
} from '@qmt/contracts';
import type { KillSwitchScope } from '@qmt/domain';
import { GatewayMetrics } from '@qmt/observability';
import { DeskDirectory } from '@qmt/runtime';
import { RiskControls } from './risk-controls.js';

const MODE_GAUGE: Readonly<Record<KillSwitchModeName, number>> = {
  ACTIVE: 0,
  REDUCE_ONLY: 1,
  HALTED: 2,
};

/** RiskService's control calls (limits, kill switch), behind both the gRPC and in-process API. */
@Injectable()
export class RiskAdmin {
  constructor(
    private readonly controls: RiskControls,
    private readonly desk: DeskDirectory,
    private readonly metrics: GatewayMetrics,
  ) {}

  getLimits(): LimitsView {
    return { document: this.controls.document, version: this.controls.version };
  }

  async setLimits(request: SetLimitsRequest): Promise<SetLimitsResult> {
    const change = await this.controls.setLimits(request.document, request.by);
    if (change.ok) {
      this.metrics.riskLimitsVersion.set(change.version);
    }
    return change;
  }

  async setKillSwitch(request: SetKillSwitchRequest): Promise<SetKillSwitchResult> {
    const parsed = this.scopeOf(request);
    if ('errors' in parsed) {
      return { ok: false, errors: parsed.errors };
    }
    const change = await this.controls.setKillSwitch(
      parsed.scope,
      request.mode,
      request.by,
      request.reason,
    );
    this.metrics.riskKillSwitchMode.set(
      { scope: parsed.scope.type, id: parsed.scope.type === 'global' ? '' : parsed.scope.id },
      MODE_GAUGE[change.after],
    );
    return { ok: true, before: change.before, after: change.after };
  }

  private scopeOf(
    request: SetKillSwitchRequest,
  ): { readonly scope: KillSwitchScope } | { readonly errors: readonly FieldIssue[] } {
    const errors: FieldIssue[] = [];
    if (!(KILL_SWITCH_MODES as readonly string[]).includes(request.mode)) {
      errors.push({ path: 'mode', message: `must be one of ${KILL_SWITCH_MODES.join(', ')}` });
    }
    const { type, id } = request.scope;
    if (!(KILL_SWITCH_SCOPES as readonly string[]).includes(type)) {
      errors.push({
        path: 'scope.type',
        message: `must be one of ${KILL_SWITCH_SCOPES.join(', ')}`,
      });
      return { errors };
    }
    if (type === 'global') {
      if (id !== undefined && id !== '') {
        errors.push({ path: 'scope.id', message: 'the global scope takes no id' });
      }
      return errors.length > 0 ? { errors } : { scope: { type: 'global' } };
    }
    const known =
      id !== undefined &&
      (type === 'account' ? this.desk.account(id) : this.desk.strategy(id)) !== undefined;
    if (id === undefined || id === '') {
      errors.push({ path: 'scope.id', message: `the ${type} scope needs an id` });
    } else if (!known) {
      errors.push({ path: 'scope.id', message: `unknown ${type} ${id}` });
    }
    return errors.length > 0 || id === undefined ? { errors } : { scope: { type, id } };
  }
}
