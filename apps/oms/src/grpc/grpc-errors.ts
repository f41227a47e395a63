import { HttpStatus } from '@nestjs/common';
import { RpcException } from '@nestjs/microservices';
import { status } from '@grpc/grpc-js';
import { ApiError } from '@qmt/runtime';

const CODE_BY_HTTP: Record<number, status> = {
  [HttpStatus.BAD_REQUEST]: status.INVALID_ARGUMENT,
  [HttpStatus.UNAUTHORIZED]: status.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: status.PERMISSION_DENIED,
  [HttpStatus.NOT_FOUND]: status.NOT_FOUND,
  [HttpStatus.CONFLICT]: status.FAILED_PRECONDITION,
  [HttpStatus.TOO_MANY_REQUESTS]: status.RESOURCE_EXHAUSTED,
  [HttpStatus.SERVICE_UNAVAILABLE]: status.UNAVAILABLE,
};

/**
 * The HTTP API's errors as gRPC statuses (400 → INVALID_ARGUMENT, 401 → UNAUTHENTICATED,
 * 403 → PERMISSION_DENIED, 404 → NOT_FOUND, 409 → FAILED_PRECONDITION, 503 → UNAVAILABLE); the
 * message keeps the machine code and the fields: "VALIDATION_FAILED: quantity: ...".
 */
export function toRpcError(error: unknown): RpcException {
  if (error instanceof ApiError) {
    return new RpcException({
      code: CODE_BY_HTTP[error.getStatus()] ?? status.UNKNOWN,
      message: `${error.code}: ${error.message}`,
    });
  }
  return new RpcException({ code: status.INTERNAL, message: 'INTERNAL: internal error' });
}

/** Runs one call; an unexpected error is reported to onUnexpected and answered INTERNAL. */
export async function rpc<T>(
  work: () => Promise<T>,
  onUnexpected: (error: unknown) => void,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ApiError)) {
      onUnexpected(error);
    }
    throw toRpcError(error);
  }
}
