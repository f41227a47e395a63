import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Metadata } from '@grpc/grpc-js';
import {
  CLIENT_ORDER_ID_METADATA,
  GatewayMetrics,
  REQUEST_ID_HEADER,
  acceptRequestId,
  withLogContext,
  type LogContext,
} from '@qmt/observability';
import { Observable, tap } from 'rxjs';

// Request fields a gRPC message may carry whose values are worth a log field.
const MESSAGE_FIELDS = ['orderId', 'accountId', 'strategyId', 'parentId', 'clientOrderId'] as const;

/**
 * Every gRPC call runs in a log context: the request id from the x-request-id metadata (else a
 * fresh one, sent back in the response's initial metadata), the client order id risk is told
 * by the OMS, and the order fields of the message itself. HTTP requests pass through untouched
 * (RequestContextMiddleware has them).
 */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  constructor(private readonly metrics: GatewayMetrics) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') {
      return next.handle();
    }
    const rpc = context.switchToRpc();
    const metadata = rpc.getContext<unknown>();
    const first = (key: string): unknown =>
      metadata instanceof Metadata ? metadata.get(key)[0]?.toString() : undefined;
    const requestId = acceptRequestId(first(REQUEST_ID_HEADER));
    sendRequestId(context.getArgByIndex<unknown>(2), requestId);
    const fields: Record<string, string> = { requestId };
    const clientOrderId = first(CLIENT_ORDER_ID_METADATA);
    if (typeof clientOrderId === 'string') {
      fields.clientOrderId = clientOrderId;
    }
    const data = rpc.getData<unknown>();
    if (typeof data === 'object' && data !== null) {
      for (const name of MESSAGE_FIELDS) {
        const value = (data as Record<string, unknown>)[name];
        if (typeof value === 'string' && value !== '') {
          fields[name] = value;
        }
      }
    }
    const method = `${context.getClass().name}.${context.getHandler().name}`;
    const count = (outcome: 'ok' | 'error') =>
      this.metrics.flow.grpcRequests.inc({ method, outcome });
    // The handler's observable is subscribed later, outside this call: subscribe inside the
    // context so everything the handler awaits keeps it.
    return new Observable((subscriber) =>
      withLogContext(fields as LogContext, () =>
        next
          .handle()
          .pipe(tap({ complete: () => count('ok'), error: () => count('error') }))
          .subscribe(subscriber),
      ),
    );
  }
}

/** Unary and server-streaming calls can send initial metadata; best effort, never fatal. */
function sendRequestId(call: unknown, requestId: string): void {
  const send = (call as { sendMetadata?: unknown } | undefined)?.sendMetadata;
  if (typeof send !== 'function') {
    return;
  }
  try {
    const metadata = new Metadata();
    metadata.set(REQUEST_ID_HEADER, requestId);
    (send as (m: Metadata) => void).call(call, metadata);
  } catch {
    // Metadata already sent (a handler streamed first): the request id stays in the logs.
  }
}
