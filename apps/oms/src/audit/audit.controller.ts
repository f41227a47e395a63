import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Allow, ApiErrors, Operation, badField } from '@qmt/runtime';
import type { ChainReport } from '@qmt/persistence';
import { Readable } from 'node:stream';
import { AUDIT_CSV, AUDIT_PAGE, CHAIN_BROKEN, CHAIN_GOOD } from './audit.examples.js';
import { AuditQuery } from './audit-query.dto.js';
import { AuditPageDto, ChainReportDto } from './audit.response.js';
import { AuditService, type AuditPage } from './audit.service.js';

/** GET /v1/audit and /v1/audit/verify (roles compliance and admin; docs/audit.md). */
@ApiTags('Audit')
@Controller('v1/audit')
@Allow(Operation.READ_AUDIT)
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Oldest first; `format=csv` downloads every matching record instead of one page. */
  @Get()
  @ApiOperation({
    summary: 'Query the audit log',
    description:
      'Oldest first, one page at a time; format=csv downloads every matching record from the ' +
      'cursor on as one file, with cells a spreadsheet would run prefixed by an apostrophe.',
  })
  @ApiExtraModels(AuditPageDto)
  @ApiOkResponse({
    description: 'a page of records (JSON), or every matching record (format=csv)',
    content: {
      'application/json': {
        schema: { $ref: getSchemaPath(AuditPageDto) },
        example: AUDIT_PAGE,
      },
      'text/csv': { schema: { type: 'string' }, example: AUDIT_CSV },
    },
  })
  @ApiErrors({
    400: [
      badField('type', 'type must be one of REQUEST, RISK_DECISION, …'),
      badField('to', 'to must be later than from'),
      badField('cursor', 'cursor is not one this API handed out (use nextCursor as given)'),
    ],
  })
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
  @ApiOperation({
    summary: 'Verify the audit hash chain',
    description: 'Walks every record from seq 1: ok, how many chain, and the first that does not.',
  })
  @ApiOkResponse({
    type: ChainReportDto,
    examples: {
      intact: { summary: 'the chain is intact', value: CHAIN_GOOD },
      broken: { summary: 'record 17 was edited', value: CHAIN_BROKEN },
    },
  })
  verify(): Promise<ChainReport> {
    return this.audit.verify();
  }
}
