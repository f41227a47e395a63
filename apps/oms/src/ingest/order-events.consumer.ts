import { Inject, Injectable, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { CONSUMER_GROUP, type GatewayEvent } from '@qmt/contracts';
import { AuditType, type AuditEntry } from '@qmt/domain';
import { isTerminalState } from '@qmt/domain';
import { DeadLetterSink, EventConsumer, type DeliveredEvent } from '@qmt/messaging';
import { GatewayMetrics, OrderStage, type Logger } from '@qmt/observability';
import {
  OrderStore,
  recordOrderEvents,
  type DeadLetterRow,
  type LifecycleResult,
} from '@qmt/persistence';
import { AuditTrail, DeskDirectory, ExchangeClock, INGEST_LOOP_COUNT, LOGGER } from '@qmt/runtime';
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { toRecord } from '../orders/order-lifecycle.js';
import { ConnectorStatusBoard } from './connector-status.board.js';

/**
 * Entries per XREADGROUP: a batch costs the same handful of statements however large, so a
 * backlog drains faster in large batches (1,000 ingested 13–20% faster than 500 here, 2,000 no
 * faster than 1,000); a quiet stream still delivers whatever is there at once.
 */
export const INGEST_BATCH_SIZE = 1000;
/**
 * Parallel consume loops per OMS process by default (one Postgres connection busy each at most;
 * OMS_INGEST_LOOPS overrides). More loops raise the peak of a backlog's drain; fewer make
 * larger, fewer transactions at a steady rate (docs/persistence.md "Ingestion").
 */
export const INGEST_LOOPS = 4;

/** The accounts dealt round-robin into at most `loops` non-empty shares. */
export function shareAccounts(accountIds: readonly string[], loops: number): string[][] {
  const shares: string[][] = Array.from({ length: Math.min(loops, accountIds.length) }, () => []);
  accountIds.forEach((id, i) => shares[i % shares.length]?.push(id));
  return shares;
}

/**
 * Consumer group "oms" over every account stream: each batch is persisted in one transaction
 * (deduplicated by event id, dead letters included) and acknowledged only after the commit, so
 * a crash between commit and XACK only redelivers entries the dedupe then ignores.
 */
@Injectable()
export class OrderEventsConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly deadLetterSink: DeadLetterSink,
    private readonly store: OrderStore,
    private readonly desk: DeskDirectory,
    private readonly connectors: ConnectorStatusBoard,
    private readonly metrics: GatewayMetrics,
    private readonly audit: AuditTrail,
    @Inject(LOGGER) private readonly logger: Logger,
    /** For stage latencies: event and order times are on the exchange clock. */
    @Optional() private readonly clock?: ExchangeClock,
    /** OMS_INGEST_LOOPS; INGEST_LOOPS when not configured. */
    @Optional() @Inject(INGEST_LOOP_COUNT) private readonly loops?: number | null,
  ) {}

  /**
   * Up to INGEST_LOOPS consume loops, each over its own share of the accounts: batches of
   * different accounts touch different orders, so they commit in parallel, while one account's
   * events stay in stream order.
   */
  async onApplicationBootstrap(): Promise<void> {
    const shares = shareAccounts(this.desk.accountIds(), this.loops ?? INGEST_LOOPS);
    for (const [k, accountIds] of shares.entries()) {
      await this.consumer.consume({
        group: CONSUMER_GROUP.OMS,
        consumer: `oms-${hostname()}-${process.pid}-${k}`,
        accountIds,
        batchSize: INGEST_BATCH_SIZE,
        handler: (batch) => this.ingest(batch),
      });
    }
  }

  async ingest(batch: readonly DeliveredEvent[]): Promise<void> {
    const events = batch.flatMap((d) => (d.ok ? [{ entryId: d.entryId, event: d.event }] : []));
    const { results, deadLetters } = await this.store.transaction(async (ledger) => {
      const recorded = await recordOrderEvents(
        ledger,
        events.map((e) => toRecord(e.event)),
      );
      // In stream order, as an operator reading the dead-letter feed expects.
      const position = new Map(batch.map((d, i) => [d.entryId, i]));
      const dead = [...malformed(batch), ...illegal(events, recorded)].sort(
        (x, y) => (position.get(x.entryId) ?? 0) - (position.get(y.entryId) ?? 0),
      );
      const deadLetters = await ledger.recordDeadLetters(dead);
      // One audit record per batch, committed with it: a redelivered batch is audited again,
      // which shows the redelivery; its events are still stored once.
      if (batch.length > 0) {
        await this.audit.within(ledger, [batchAuditEntry(batch, recorded)]);
      }
      return { results: recorded, deadLetters };
    });
    for (const dead of deadLetters) {
      await this.reportDeadLetter(dead);
    }
    const committed = this.clock?.now().getTime() ?? Date.now();
    // Counted per batch, by type and outcome: prom-client hashes the labels of every inc.
    const ingested = new Map<string, { type: string; outcome: string; n: number }>();
    events.forEach(({ event }, i) => {
      const result = results[i];
      if (result !== undefined) {
        const outcome = outcomeKind(result.outcome);
        const key = `${event.type}\u0000${outcome}`;
        const seen = ingested.get(key);
        if (seen === undefined) {
          ingested.set(key, { type: event.type, outcome, n: 1 });
        } else {
          seen.n += 1;
        }
        this.afterCommit(event, result);
        this.observeStages(event, result, committed);
      }
    });
    for (const { type, outcome, n } of ingested.values()) {
      this.metrics.eventsIngested.inc({ type, outcome }, n);
    }
  }

  /**
   * Broker event → persisted for every event stored now (not duplicates), and end to end when an
   * order gets its first report from the broker side (it leaves ROUTED). Times are exchange
   * time; a fast sim clock's scale turns them back into wall seconds.
   */
  private observeStages(event: GatewayEvent, result: LifecycleResult, committedMs: number): void {
    if (!result.stored) {
      return;
    }
    const scale = this.clock?.scale ?? 1;
    const stages = this.metrics.flow.stageDuration;
    const seconds = (fromMs: number) => Math.max(0, committedMs - fromMs) / 1000 / scale;
    const publishedMs = Date.parse(event.ts);
    if (Number.isFinite(publishedMs)) {
      stages.observe({ stage: OrderStage.BROKER_EVENT_TO_PERSISTED }, seconds(publishedMs));
    }
    if (
      result.orderCreatedAt !== undefined &&
      result.before?.state === 'ROUTED' &&
      result.after !== null &&
      result.after.state !== 'ROUTED'
    ) {
      stages.observe({ stage: OrderStage.END_TO_END }, seconds(result.orderCreatedAt.getTime()));
    }
  }

  /** After the commit: the metric, the live dead-letter stream (best effort) and a log line. */
  private async reportDeadLetter(dead: DeadLetterRow): Promise<void> {
    this.metrics.deadLetters.inc({ account: dead.accountId, kind: dead.kind });
    this.logger.warn(
      {
        accountId: dead.accountId,
        entryId: dead.entryId,
        eventId: dead.eventId,
        reason: dead.reason,
      },
      'stream entry dead-lettered: kept, not applied',
    );
    try {
      await this.deadLetterSink.publish(dead);
    } catch (error) {
      this.logger.error({ err: error, entryId: dead.entryId }, 'dead-letter stream append failed');
    }
  }

  private afterCommit(event: GatewayEvent, result: LifecycleResult): void {
    if (event.type === 'CONNECTOR_STATUS') {
      this.connectors.update(event.payload.connectorId, event.payload.state, event.payload.reason);
    }
    const before = result.before;
    const after = result.after;
    if (before === null || after === null || before.state === after.state) {
      return;
    }
    const labels = { account: event.accountId, strategy: result.strategyId ?? 'unknown' };
    if (after.state === 'ORDER_SUCCEEDED') {
      this.metrics.ordersFilled.inc(labels);
    } else if (
      (after.state === 'ORDER_CANCELED' || after.state === 'ORDER_PART_CANCEL') &&
      isTerminalState(after.state)
    ) {
      this.metrics.ordersCancelled.inc(labels);
    }
  }
}

/** applied, ignored, illegal, recorded, no-order or duplicate-event: an outcome without its reason. */
function outcomeKind(outcome: string): string {
  const colon = outcome.indexOf(':');
  return colon < 0 ? outcome : outcome.slice(0, colon);
}

/**
 * The audit entry of one ingested batch: every event id and entry id, how each was taken, and
 * the sha256 of the entries as delivered (entry id and text of each, in stream order), so the
 * record vouches for the content without repeating it.
 */
function batchAuditEntry(
  batch: readonly DeliveredEvent[],
  results: readonly LifecycleResult[],
): AuditEntry {
  const accountIds = [...new Set(batch.map((d) => d.accountId))].sort();
  const outcomes: Record<string, number> = {};
  for (const result of results) {
    const kind = outcomeKind(result.outcome);
    outcomes[kind] = (outcomes[kind] ?? 0) + 1;
  }
  // The entries as delivered, each as the bus's text (an event handed over without it, as its
  // JSON: the envelope schema fixes the key order), in stream order, hashed in one pass: it pins
  // every byte of the batch without serialising the events again.
  const digest = createHash('sha256')
    .update(
      batch
        .map((d) => `${d.entryId}\n${d.ok ? (d.raw ?? JSON.stringify(d.event)) : d.raw}\n`)
        .join(''),
    )
    .digest('hex');
  return {
    type: AuditType.BROKER_EVENTS,
    actor: 'oms',
    accountId: accountIds.length === 1 ? (accountIds[0] ?? null) : null,
    detail: {
      accountIds,
      entries: batch.length,
      eventIds: batch.flatMap((d) => (d.ok ? [d.event.eventId] : [])),
      entryRange: [batch[0]?.entryId ?? '', batch.at(-1)?.entryId ?? ''],
      malformedEntryIds: batch.flatMap((d) => (d.ok ? [] : [d.entryId])),
      outcomes,
      digest,
    },
  };
}

/** Entries that are not a valid envelope (unknown type, bad JSON, missing fields). */
function malformed(batch: readonly DeliveredEvent[]): DeadLetterRow[] {
  return batch.flatMap((d) =>
    d.ok
      ? []
      : [
          {
            accountId: d.accountId,
            entryId: d.entryId,
            kind: 'MALFORMED' as const,
            eventId: null,
            dedupeKey: `malformed:${createHash('sha256')
              .update(`${d.accountId}\u0000${d.entryId}\u0000${d.raw}`)
              .digest('hex')}`,
            reason: d.error,
            raw: d.raw,
          },
        ],
  );
}

/** Valid events the state machine refused: stored in the log, and reported here. */
function illegal(
  events: readonly { entryId: string; event: GatewayEvent }[],
  results: readonly LifecycleResult[],
): DeadLetterRow[] {
  return events.flatMap(({ entryId, event }, i) => {
    const outcome = results[i]?.outcome ?? '';
    return outcome.startsWith('illegal:')
      ? [
          {
            accountId: event.accountId,
            entryId,
            kind: 'ILLEGAL_TRANSITION' as const,
            eventId: event.eventId,
            dedupeKey: `illegal:${event.eventId}`,
            reason: `order ${event.orderId ?? '?'} in ${results[i]?.before?.state ?? '?'} cannot take ${event.type} (${outcome})`,
            raw: JSON.stringify(event),
          },
        ]
      : [];
  });
}
