import { Transport, type GrpcOptions } from '@nestjs/microservices';
import { protoPath } from '@qmt/contracts';
import { MAX_GRPC_MESSAGE_BYTES, grpcServerCredentials, type TlsMaterial } from '@qmt/runtime';

export const GATEWAY_PROTO_PACKAGE = 'qmt.gateway.v1';

/**
 * Options of the public gRPC server, OrderService and AuditService (proto3 optional fields stay
 * absent when unset).
 */
export function orderServiceGrpcOptions(url: string, tls: TlsMaterial | null = null): GrpcOptions {
  return {
    transport: Transport.GRPC,
    options: {
      credentials: grpcServerCredentials(tls),
      maxReceiveMessageLength: MAX_GRPC_MESSAGE_BYTES,
      package: GATEWAY_PROTO_PACKAGE,
      protoPath: [
        protoPath('gateway.proto'),
        protoPath('audit.proto'),
        protoPath('risk-admin.proto'),
      ],
      url,
      loader: { keepCase: false, longs: Number, enums: String, defaults: false, oneofs: true },
    },
  };
}
