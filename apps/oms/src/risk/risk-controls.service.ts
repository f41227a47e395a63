import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { RiskGateway, type FieldIssue, type SetKillSwitchResult } from '@qmt/contracts';
import { AuditType } from '@qmt/domain';
import type { Logger } from '@qmt/observability';
import { OrderStore } from '@qmt/persistence';
import { ApiError, AuditTrail, LOGGER, type Principal } from '@qmt/runtime';
import { OrderService } from '../orders/order.service.js';
import type { KillSwitchDto } from './kill-switch.dto.js';

/** Who asked, for the audit record. */
export interface Caller {
  readonly principal: Principal;
  readonly ip: string | null;
}

export interface KillSwitchOutcome {
  readonly scope: { readonly type: string; readonly id?: string };
  readonly before: string;
  readonly mode: string;
  /** Orders whose cancel was routed, and those that could not be (already ending, refused). */
  readonly cancelled: readonly string[];
  readonly notCancelled: readonly { readonly orderId: string; readonly reason: string }[];
}

function badRequest(errors: readonly FieldIssue[]): ApiError {
  return ApiError.badRequest(
    errors.map((e) => `${e.path === '' ? '(document)' : e.path}: ${e.message}`).join('; '),
    errors,
  );
}

function unavailable(error: unknown, logger: Logger): ApiError {
  logger.error({ err: error }, 'risk did not answer a control call');
  return new ApiError(
    HttpStatus.SERVICE_UNAVAILABLE,
    'RISK_UNAVAILABLE',
    'the risk service did not answer; nothing was changed, ask again',
  );
}

/**
 * The desk's risk controls at the front door: limits and the kill switch are the risk service's
 * (it stores and applies them); the OMS forwards, audits each change with its before and after,
 * and runs a kill switch's cancelOpen through the ordinary cancel of each open order.
 */
@Injectable()
export class RiskControlsService {
  constructor(
    private readonly risk: RiskGateway,
    private readonly orders: OrderService,
    private readonly store: OrderStore,
    private readonly audit: AuditTrail,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async limits(): Promise<{ version: number; limits: unknown }> {
    try {
      const view = await this.risk.getLimits();
      return { version: view.version, limits: view.document };
    } catch (error) {
      throw unavailable(error, this.logger);
    }
  }

  async setLimits(
    caller: Caller,
    document: unknown,
  ): Promise<{ version: number; limits: unknown }> {
    let result;
    try {
      result = await this.risk.setLimits({ document, by: caller.principal.id });
    } catch (error) {
      throw unavailable(error, this.logger);
    }
    if (!result.ok) {
      throw badRequest(result.errors);
    }
    await this.audit.record({
      type: AuditType.LIMIT_CHANGE,
      actor: caller.principal.id,
      role: caller.principal.role,
      ip: caller.ip,
      detail: {
        version: result.version,
        before: result.before as never,
        after: result.after as never,
      },
    });
    return { version: result.version, limits: result.after };
  }

  async setKillSwitch(caller: Caller, body: KillSwitchDto): Promise<KillSwitchOutcome> {
    const scope = {
      type: body.scope.type,
      ...(body.scope.id === undefined ? {} : { id: body.scope.id }),
    };
    let result: SetKillSwitchResult;
    try {
      result = await this.risk.setKillSwitch({
        scope,
        mode: body.mode,
        by: caller.principal.id,
        reason: body.reason ?? '',
      });
    } catch (error) {
      throw unavailable(error, this.logger);
    }
    if (!result.ok) {
      throw badRequest(result.errors);
    }
    const cancelled: string[] = [];
    const notCancelled: { orderId: string; reason: string }[] = [];
    if (body.cancelOpen === true) {
      for (const order of await this.store.openOrders()) {
        const inScope =
          scope.type === 'global' ||
          (scope.type === 'account' && order.accountId === scope.id) ||
          (scope.type === 'strategy' && order.strategyId === scope.id);
        if (!inScope || order.view.state === 'PENDING_RISK') {
          continue;
        }
        try {
          await this.orders.cancel(caller.principal, order.orderId);
          cancelled.push(order.orderId);
        } catch (error) {
          notCancelled.push({
            orderId: order.orderId,
            reason: error instanceof Error ? error.message : String(error),
          });
        }
      }
    }
    await this.audit.record({
      type: AuditType.KILL_SWITCH,
      actor: caller.principal.id,
      role: caller.principal.role,
      ip: caller.ip,
      ...(scope.type === 'account' ? { accountId: scope.id ?? null } : {}),
      ...(scope.type === 'strategy' ? { strategyId: scope.id ?? null } : {}),
      detail: {
        scope,
        before: result.before,
        after: result.after,
        reason: body.reason ?? '',
        cancelOpen: body.cancelOpen === true,
        cancelled: cancelled.length,
        notCancelled: notCancelled.length,
      },
    });
    return { scope, before: result.before, mode: result.after, cancelled, notCancelled };
  }
}
