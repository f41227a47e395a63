import type { OnApplicationShutdown } from '@nestjs/common';
import { credentials, loadPackageDefinition, type ServiceError } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { RiskGateway, protoPath, type RiskCheckRequest, type RiskDecision } from '@qmt/contracts';
import type { CheckRequestMessage, CheckResponseMessage } from './risk.grpc.controller.js';

export const RISK_PROTO_LOADER_OPTIONS = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
} as const;

interface RiskServiceClient {
  Check(
    request: CheckRequestMessage,
    options: { deadline: Date },
    callback: (error: ServiceError | null, response?: CheckResponseMessage) => void,
  ): void;
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
    const message: CheckRequestMessage = {
      ...request,
      price: request.price ?? 0,
      hasPrice: request.price !== null,
    };
    return new Promise((resolve, reject) => {
      this.client.Check(
        message,
        { deadline: new Date(Date.now() + this.deadlineMs) },
        (error, response) => {
          if (error !== null || response === undefined) {
            reject(error ?? new Error('empty RiskService.Check response'));
            return;
          }
          resolve(
            response.approved
              ? { approved: true }
              : {
                  approved: false,
                  rejection: response.rejection ?? {
                    rule: 'CONNECTOR_UNAVAILABLE',
                    message: 'risk rejected the order without a reason',
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
