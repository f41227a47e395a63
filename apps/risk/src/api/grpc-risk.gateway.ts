import type { OnApplicationShutdown } from '@nestjs/common';
import { Metadata, credentials, loadPackageDefinition, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import {
  RiskGateway,
  protoPath,
  type AlgoControlRequest,
  type AlgoStartRequest,
  type CancelRequest,
  type KillSwitchModeName,
  type LimitsView,
  type SetKillSwitchRequest,
  type SetKillSwitchResult,
  type SetLimitsRequest,
  type SetLimitsResult,
  type RiskCheckRequest,
  type RiskDecision,
} from '@qmt/contracts';
import { CLIENT_ORDER_ID_METADATA, REQUEST_ID_HEADER, logContext } from '@qmt/observability';
import type {
  AlgoControlMessage,
  AlgoStartMessage,
  CancelRequestMessage,
  ChangeKillSwitchMessage,
  ChangeLimitsMessage,
  ChangeResultMessage,
  CheckRequestMessage,
  LimitsMessage,
  CheckResponseMessage,
} from './risk.grpc.controller.js';

export const RISK_PROTO_LOADER_OPTIONS = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
} as const;

type Unary<Request, Response = CheckResponseMessage> = (
  request: Request,
  metadata: Metadata,
  options: { deadline: Date },
  callback: (error: ServiceError | null, response?: Response) => void,
) => void;

interface RiskServiceClient {
  Check: Unary<CheckRequestMessage>;
  RequestCancel: Unary<CancelRequestMessage>;
  StartAlgo: Unary<AlgoStartMessage>;
  ControlAlgo: Unary<AlgoControlMessage>;
  ReadLimits: Unary<Record<string, never>, LimitsMessage>;
  ChangeLimits: Unary<ChangeLimitsMessage, ChangeResultMessage>;
  ChangeKillSwitch: Unary<ChangeKillSwitchMessage, ChangeResultMessage>;
  close(): void;
}

type RiskServiceConstructor = new (
  address: string,
  creds: ReturnType<typeof credentials.createInsecure>,
) => RiskServiceClient;

/** The OMS's client of RiskService.Check over gRPC (the distributed deployment). */
export class GrpcRiskGateway extends RiskGateway implements OnApplicationShutdown {
  private readonly client: RiskServiceClient;

  constructor(
    address: string,
    private readonly deadlineMs = 5_000,
  ) {
    super();
    const definition = loadSync(protoPath('risk.proto'), RISK_PROTO_LOADER_OPTIONS);
    const loaded = loadPackageDefinition(definition) as unknown as {
      qmt: { risk: { v1: { RiskService: RiskServiceConstructor } } };
    };
    this.client = new loaded.qmt.risk.v1.RiskService(address, credentials.createInsecure());
  }

  check(request: RiskCheckRequest): Promise<RiskDecision> {
    return this.call(this.client.Check.bind(this.client), {
      ...request,
      price: request.price ?? 0,
      hasPrice: request.price !== null,
    });
  }

  requestCancel(request: CancelRequest): Promise<RiskDecision> {
    return this.call(this.client.RequestCancel.bind(this.client), {
      ...request,
      brokerOrderId: request.brokerOrderId ?? 0,
    });
  }

  startAlgo(request: AlgoStartRequest): Promise<RiskDecision> {
    return this.call(this.client.StartAlgo.bind(this.client), { parentId: request.parentId });
  }

  controlAlgo(request: AlgoControlRequest): Promise<RiskDecision> {
    return this.call(this.client.ControlAlgo.bind(this.client), {
      parentId: request.parentId,
      action: request.action,
    });
  }

  async getLimits(): Promise<LimitsView> {
    const response = await this.unary(this.client.ReadLimits.bind(this.client), {});
    return { document: JSON.parse(response.documentJson) as unknown, version: response.version };
  }

  async setLimits(request: SetLimitsRequest): Promise<SetLimitsResult> {
    const response = await this.unary(this.client.ChangeLimits.bind(this.client), {
      documentJson: JSON.stringify(request.document),
      by: request.by,
    });
    return response.ok
      ? {
          ok: true,
          version: response.version,
          before: JSON.parse(response.beforeJson) as unknown,
          after: JSON.parse(response.afterJson) as unknown,
        }
      : { ok: false, errors: response.errors };
  }

  async setKillSwitch(request: SetKillSwitchRequest): Promise<SetKillSwitchResult> {
    const response = await this.unary(this.client.ChangeKillSwitch.bind(this.client), {
      scopeType: request.scope.type,
      scopeId: request.scope.id ?? '',
      mode: request.mode,
      by: request.by,
      reason: request.reason,
    });
    return response.ok
      ? {
          ok: true,
          before: JSON.parse(response.beforeJson) as KillSwitchModeName,
          after: JSON.parse(response.afterJson) as KillSwitchModeName,
        }
      : { ok: false, errors: response.errors };
  }

  private unary<Request, Response>(
    method: Unary<Request, Response>,
    message: Request,
  ): Promise<Response> {
    return new Promise((resolve, reject) => {
      method(
        message,
        requestMetadata(),
        { deadline: new Date(Date.now() + this.deadlineMs) },
        (error, response) => {
          if (error !== null || response === undefined) {
            reject(error ?? new Error('empty RiskService response'));
            return;
          }
          resolve(response);
        },
      );
    });
  }

  private call<Request>(method: Unary<Request>, message: Request): Promise<RiskDecision> {
    return new Promise((resolve, reject) => {
      method(
        message,
        requestMetadata(),
        { deadline: new Date(Date.now() + this.deadlineMs) },
        (error, response) => {
          if (error !== null || response === undefined) {
            reject(error ?? new Error('empty RiskService response'));
            return;
          }
          resolve(
            response.approved
              ? { approved: true }
              : {
                  approved: false,
                  rejection: response.rejection ?? {
                    rule: 'CONNECTOR_UNAVAILABLE',
                    message: 'risk rejected without a reason',
                    details: {},
                  },
                },
          );
        },
      );
    });
  }

  close(): void {
    this.client.close();
  }

  onApplicationShutdown(): void {
    this.close();
  }
}

/** The caller's request id and client order id, so risk's log lines carry them too. */
function requestMetadata(): Metadata {
  const metadata = new Metadata();
  const context = logContext();
  if (context.requestId !== undefined) {
    metadata.set(REQUEST_ID_HEADER, context.requestId);
  }
  if (context.clientOrderId !== undefined) {
    metadata.set(CLIENT_ORDER_ID_METADATA, context.clientOrderId);
  }
  return metadata;
}
