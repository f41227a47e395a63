import { Controller, UseInterceptors } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import type { Metadata } from '@grpc/grpc-js';
import { Operation, validateInput, RpcContextInterceptor } from '@qmt/runtime';
import { GrpcAccess } from '../grpc/grpc-access.js';
import { AuditQuery } from './audit-query.dto.js';
import { AuditService } from './audit.service.js';

type Message = Record<string, unknown>;

function withoutNulls(value: Message): Message {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));
}

/** qmt.gateway.v1.AuditService: GET /v1/audit and /v1/audit/verify over gRPC, same roles. */
// Request id and order fields on every log line of a call (global interceptors skip gRPC).
@Controller()
@UseInterceptors(RpcContextInterceptor)
export class AuditGrpcController {
  constructor(
    private readonly audit: AuditService,
    private readonly access: GrpcAccess,
  ) {}

  @GrpcMethod('AuditService', 'Query')
  query(request: Message, metadata: Metadata): Promise<Message> {
    const spec = {
      service: 'AuditService',
      method: 'Query',
      operation: Operation.READ_AUDIT,
      metadata,
    };
    return this.access.run(spec, async () => {
      // proto-loader adds a virtual "_name" oneof per optional field: not a filter.
      const fields = Object.fromEntries(
        Object.entries(request).filter(([k]) => !k.startsWith('_')),
      );
      const page = await this.audit.page(await validateInput(AuditQuery, fields));
      return {
        items: page.items.map(({ detail, ...record }) =>
          withoutNulls({ ...record, detailJson: JSON.stringify(detail) }),
        ),
        ...(page.nextCursor === null ? {} : { nextCursor: page.nextCursor }),
      };
    });
  }

  @GrpcMethod('AuditService', 'Verify')
  verify(_request: Message, metadata: Metadata): Promise<Message> {
    const spec = {
      service: 'AuditService',
      method: 'Verify',
      operation: Operation.READ_AUDIT,
      metadata,
    };
    return this.access.run(spec, async () => {
      const report = await this.audit.verify();
      return withoutNulls({
        ok: report.ok,
        checked: report.checked,
        firstBadSeq: report.firstBadSeq,
        reason: report.reason,
        headSeq: report.head?.seq,
        headHash: report.head?.hash,
      });
    });
  }
}
