import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Metadata } from '@grpc/grpc-js';
import type { Logger } from '@qmt/observability';
import {
  ApiError,
  AuditTrail,
  Authenticator,
  LOGGER,
  requestAuditEntry,
  type Operation,
  type Principal,
} from '@qmt/runtime';
import { rpc } from './grpc-errors.js';

/** What Nest hands a @GrpcMethod as its third argument (only the peer is read). */
export interface GrpcCall {
  getPeer?(): string;
}

/** "ipv4:127.0.0.1:5000" or "ipv6:[::1]:5000" → the address alone. */
export function peerOf(call: GrpcCall | undefined): string | null {
  const peer = call?.getPeer?.();
  if (peer === undefined) {
    return null;
  }
  const v6 = /^ipv6:\[([^\]]+)\]/.exec(peer);
  if (v6?.[1] !== undefined) {
    return v6[1];
  }
  const v4 = /^ipv4:([^:]+)/.exec(peer);
  return v4?.[1] ?? peer.slice(0, 64);
}

export interface GrpcCallSpec {
  readonly service: string;
  readonly method: string;
  readonly operation: Operation;
  readonly metadata: Metadata;
  readonly call?: GrpcCall;
  /** Set for calls that change state: audited like HTTP POSTs, with these request fields. */
  readonly audited?: { readonly request: Record<string, unknown> };
}

/**
 * The HTTP guard's three steps for a gRPC call (key, rate, role; Authenticator), then the call,
 * with the same audit of state-changing calls and the same errors mapped to gRPC statuses.
 */
@Injectable()
export class GrpcAccess {
  constructor(
    private readonly authenticator: Authenticator,
    @Inject(LOGGER) private readonly logger: Logger,
    @Optional() private readonly audit?: AuditTrail,
  ) {}

  private readonly unexpected = (error: unknown): void => {
    this.logger.error({ err: error }, 'gRPC call failed unexpectedly');
  };

  /** Authenticates and authorises; throws the ApiError to map (toRpcError). */
  principal(metadata: Metadata, operation: Operation): Principal {
    const principal = this.authenticator.authenticate(metadata.get('authorization')[0]);
    this.authenticator.authorize(principal, operation);
    return principal;
  }

  run<T>(spec: GrpcCallSpec, work: (principal: Principal) => Promise<T>): Promise<T> {
    return rpc(async () => {
      const principal = this.authenticator.authenticate(spec.metadata.get('authorization')[0]);
      const audited = spec.audited;
      if (audited === undefined || this.audit === undefined) {
        this.authenticator.authorize(principal, spec.operation);
        return work(principal);
      }
      const facts = {
        principal,
        transport: 'grpc' as const,
        method: spec.service,
        path: spec.method,
        ip: peerOf(spec.call),
        params: audited.request,
      };
      try {
        this.authenticator.authorize(principal, spec.operation);
        const result = await work(principal);
        await this.audit.record(
          requestAuditEntry({ ...facts, status: 200, body: audited.request, result }),
        );
        return result;
      } catch (error) {
        await this.audit
          .record(
            requestAuditEntry({
              ...facts,
              status: error instanceof ApiError ? error.getStatus() : 500,
              ...(error instanceof ApiError
                ? { code: error.code, fields: error.fields?.map((f) => f.path) ?? [] }
                : {}),
            }),
          )
          .catch((auditError: unknown) => {
            this.logger.error({ err: auditError }, 'audit record of a refused call failed');
          });
        throw error;
      }
    }, this.unexpected);
  }
}
