// A raw grpc-js client of the public services (OrderService, AuditService, RiskService), built from the
// shipped .proto files, for end-to-end tests.
import {
  Metadata,
  credentials,
  loadPackageDefinition,
  type ChannelCredentials,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { protoPath } from '@qmt/contracts';

export type GrpcMessage = Record<string, unknown>;
type Unary = (
  request: GrpcMessage,
  metadata: Metadata,
  callback: (error: ServiceError | null, response?: GrpcMessage) => void,
) => void;
type Client = Record<string, Unary> & { close(): void };
type ClientConstructor = new (
  address: string,
  creds: ChannelCredentials,
  options?: Record<string, unknown>,
) => Client;

export interface GrpcStream {
  on(event: 'data', listener: (message: GrpcMessage) => void): GrpcStream;
  on(event: 'error', listener: (error: ServiceError) => void): GrpcStream;
  cancel(): void;
}

export type GrpcService = 'OrderService' | 'AuditService' | 'RiskService';

/** Ok with the response, or the gRPC status code and message of the error. */
export type GrpcOutcome =
  | { readonly ok: true; readonly response: GrpcMessage }
  | { readonly ok: false; readonly code: number; readonly details: string };

export function grpcClient(
  address: string,
  channel: ChannelCredentials = credentials.createInsecure(),
  options: Record<string, unknown> = {},
) {
  const definition = loadSync(
    [protoPath('gateway.proto'), protoPath('audit.proto'), protoPath('risk-admin.proto')],
    {
      keepCase: false,
      longs: Number,
      defaults: false,
      oneofs: true,
    },
  );
  const v1 = (
    loadPackageDefinition(definition) as unknown as {
      qmt: { gateway: { v1: Record<GrpcService, ClientConstructor> } };
    }
  ).qmt.gateway.v1;
  const clients: Record<GrpcService, Client> = {
    OrderService: new v1.OrderService(address, channel, options),
    AuditService: new v1.AuditService(address, channel, options),
    RiskService: new v1.RiskService(address, channel, options),
  };
  const call = (
    service: GrpcService,
    method: string,
    request: GrpcMessage,
    key?: string,
  ): Promise<GrpcOutcome> => {
    const metadata = new Metadata();
    if (key !== undefined) {
      metadata.set('authorization', `Bearer ${key}`);
    }
    const client = clients[service];
    const unary = client[method];
    if (unary === undefined) {
      throw new Error(`${service} has no method ${method}`);
    }
    return new Promise((done) => {
      unary.call(client, request, metadata, (error, response) => {
        done(
          error === null
            ? { ok: true, response: response ?? {} }
            : { ok: false, code: error.code, details: error.details },
        );
      });
    });
  };
  /** A server-streaming OrderService call (StreamUpdates). */
  const stream = (method: string, request: GrpcMessage, metadata: Metadata) => {
    const client = clients.OrderService as unknown as Record<
      string,
      (request: GrpcMessage, metadata: Metadata) => GrpcStream
    >;
    const open = client[method];
    if (open === undefined) {
      throw new Error(`OrderService has no method ${method}`);
    }
    return open.call(clients.OrderService, request, metadata);
  };
  return {
    call,
    stream,
    close: () => Object.values(clients).forEach((c) => c.close()),
  };
}
