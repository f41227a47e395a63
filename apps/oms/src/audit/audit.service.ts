import { Injectable, Optional } from '@nestjs/common';
import { GatewayMetrics } from '@qmt/observability';
import { AuditLog, type AuditFilter, type ChainReport } from '@qmt/persistence';
import { ApiError } from '@qmt/runtime';
import { stringify } from 'csv-stringify/sync';
import {
  CSV_COLUMNS,
  auditRecordJson,
  csvRow,
  decodeAuditCursor,
  encodeAuditCursor,
  type AuditRecordJson,
} from './audit-json.js';
import type { AuditQuery } from './audit-query.dto.js';

const DEFAULT_LIMIT = 100;
const EXPORT_PAGE = 1000;

export interface AuditPage {
  readonly items: AuditRecordJson[];
  readonly nextCursor: string | null;
}

function filterOf(query: AuditQuery): AuditFilter {
  const from = query.from === undefined ? undefined : new Date(query.from);
  const to = query.to === undefined ? undefined : new Date(query.to);
  if (from !== undefined && to !== undefined && from >= to) {
    throw ApiError.field('to', 'to must be later than from');
  }
  return {
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
    ...(query.actor === undefined ? {} : { actor: query.actor }),
    ...(query.accountId === undefined ? {} : { accountId: query.accountId }),
    ...(query.strategyId === undefined ? {} : { strategyId: query.strategyId }),
    ...(query.orderId === undefined ? {} : { orderId: query.orderId }),
    ...(query.type === undefined ? {} : { type: query.type }),
  };
}

/** Compliance reads of the audit log, for HTTP and gRPC alike (roles compliance and admin). */
@Injectable()
export class AuditService {
  constructor(
    private readonly log: AuditLog,
    @Optional() private readonly metrics?: GatewayMetrics,
  ) {}

  async page(query: AuditQuery): Promise<AuditPage> {
    // Chain what is queued first, so a reader sees every change committed before it asked.
    await this.log.seal();
    const limit = query.limit ?? DEFAULT_LIMIT;
    const records = await this.log.query(
      filterOf(query),
      limit + 1,
      decodeAuditCursor(query.cursor),
    );
    const items = records.slice(0, limit);
    const last = items.at(-1);
    return {
      items: items.map(auditRecordJson),
      nextCursor: records.length > limit && last !== undefined ? encodeAuditCursor(last.seq) : null,
    };
  }

  /**
   * Every matching record from the cursor on, as CSV text (header first), a page at a time. The
   * query is checked here, before the first byte is sent, so a bad filter is still a 400.
   */
  csv(query: AuditQuery): AsyncGenerator<string> {
    return this.csvPages(filterOf(query), decodeAuditCursor(query.cursor));
  }

  private async *csvPages(filter: AuditFilter, start: number): AsyncGenerator<string> {
    let after = start;
    await this.log.seal();
    yield stringify([[...CSV_COLUMNS]]);
    for (;;) {
      const records = await this.log.query(filter, EXPORT_PAGE, after);
      if (records.length > 0) {
        yield stringify(records.map(csvRow));
      }
      const last = records.at(-1);
      if (records.length < EXPORT_PAGE || last === undefined) {
        return;
      }
      after = last.seq;
    }
  }

  /** Walks the whole chain; every walk (this endpoint's or AuditVerifier's) sets the gauges. */
  async verify(): Promise<ChainReport> {
    const started = process.hrtime.bigint();
    await this.log.seal();
    const report = await this.log.verify();
    this.metrics?.audit.record(report, Date.now(), Number(process.hrtime.bigint() - started) / 1e9);
    return report;
  }
}
