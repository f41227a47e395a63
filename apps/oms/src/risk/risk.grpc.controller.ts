import { Controller } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
import { ApiError, Operation, validateInput } from '@qmt/runtime';
import { GrpcAccess, type GrpcCall } from '../grpc/grpc-access.js';
import { KillSwitchDto } from './kill-switch.dto.js';
import { RiskControlsService } from './risk-controls.service.js';

type Message = Record<string, unknown>;

/** qmt.gateway.v1.RiskService: the HTTP risk controls over gRPC, same roles and audit. */
@Controller()
export class RiskControlsGrpcController {
  constructor(
    private readonly controls: RiskControlsService,
    private readonly access: GrpcAccess,
  ) {}

  @GrpcMethod('RiskService', 'GetLimits')
  getLimits(_request: Message, metadata: Metadata): Promise<Message> {
    const spec = { service: 'RiskService', method: 'GetLimits', operation: Operation.READ_LIMITS };
    return this.access.run({ ...spec, metadata }, async () => {
      const view = await this.controls.limits();
      return { version: view.version, limitsJson: JSON.stringify(view.limits) };
    });
  }

  @GrpcMethod('RiskService', 'SetLimits')
  setLimits(request: Message, metadata: Metadata, call?: GrpcCall): Promise<Message> {
    const spec = {
      service: 'RiskService',
      method: 'SetLimits',
      operation: Operation.CHANGE_LIMITS,
      metadata,
      ...(call === undefined ? {} : { call }),
      audited: { request: {} },
    };
    return this.access.run(spec, async (principal) => {
      let document: unknown;
      try {
        const text = request['limitsJson'];
        document = JSON.parse(typeof text === 'string' ? text : '');
      } catch {
        throw ApiError.field('limitsJson', 'not a JSON document');
      }
      const view = await this.controls.setLimits({ principal, ip: null }, document);
      return { version: view.version, limitsJson: JSON.stringify(view.limits) };
    });
  }

  @GrpcMethod('RiskService', 'SetKillSwitch')
  setKillSwitch(request: Message, metadata: Metadata, call?: GrpcCall): Promise<Message> {
    const fields = Object.fromEntries(Object.entries(request).filter(([k]) => !k.startsWith('_')));
    const spec = {
      service: 'RiskService',
      method: 'SetKillSwitch',
      operation: Operation.KILL_SWITCH,
      metadata,
      ...(call === undefined ? {} : { call }),
      audited: { request: fields },
    };
    return this.access.run(spec, async (principal) => {
      const scope = (fields['scope'] ?? {}) as Message;
      const body = await validateInput(KillSwitchDto, {
        ...fields,
        scope: Object.fromEntries(Object.entries(scope).filter(([k]) => !k.startsWith('_'))),
      });
      const outcome = await this.controls.setKillSwitch({ principal, ip: null }, body);
      return {
        scope: outcome.scope,
        before: outcome.before,
        mode: outcome.mode,
        cancelled: outcome.cancelled,
        notCancelled: outcome.notCancelled.map((n) => n.orderId),
      };
    });
  }
}
