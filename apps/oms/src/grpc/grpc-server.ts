import { Transport, type GrpcOptions } from '@nestjs/microservices';
import { protoPath } from '@qmt/contracts';

export const GATEWAY_PROTO_PACKAGE = 'qmt.gateway.v1';

/** Options of the public OrderService server (proto3 optional fields stay absent when unset). */
export function orderServiceGrpcOptions(url: string): GrpcOptions {
  return {
    transport: Transport.GRPC,
    options: {
      package: GATEWAY_PROTO_PACKAGE,
      protoPath: protoPath('gateway.proto'),
      url,
      loader: { keepCase: false, longs: Number, enums: String, defaults: false, oneofs: true },
    },
  };
}
