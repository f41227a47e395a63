import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { Allow, Operation } from '@qmt/runtime';
import type { ChainReport } from '@qmt/persistence';
import { Readable } from 'node:stream';
import { AuditQuery } from './audit-query.dto.js';
import { AuditService, type AuditPage } from './audit.service.js';

/** GET /v1/audit and /v1/audit/verify (roles compliance and admin; docs/audit.md). */
@Controller('v1/audit')
@Allow(Operation.READ_AUDIT)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Oldest first; `format=csv` downloads every matching record instead of one page. */
  @Get()
  query(@Query() query: AuditQuery): Promise<AuditPage> | StreamableFile {
    if (query.format === 'csv') {
      return new StreamableFile(Readable.from(this.audit.csv(query)), {
        type: 'text/csv; charset=utf-8',
        disposition: 'attachment; filename="audit.csv"',
      });
    }
    return this.audit.page(query);
  }

  /** Walks the whole chain: { ok, checked, firstBadSeq?, reason?, head }. */
  @Get('verify')
  verify(): Promise<ChainReport> {
    return this.audit.verify();
  }
}
