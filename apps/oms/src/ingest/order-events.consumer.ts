import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CONSUMER_GROUP, type GatewayEvent } from '@qmt/contracts';
import { isTerminalState, sideOfOrderType } from '@qmt/domain';
import { EventConsumer, type DeliveredEvent } from '@qmt/messaging';
import { GatewayMetrics, type Logger } from '@qmt/observability';
import { OrderStore } from '@qmt/persistence';
import { DeskDirectory, LOGGER } from '@qmt/runtime';
import { hostname } from 'node:os';
import { orderEventOf, recordOrderEvent, type LifecycleResult } from '../orders/order-lifecycle.js';
import { ConnectorStatusBoard } from './connector-status.board.js';

/**
 * Consumer group "oms" over every account stream: each batch is persisted in one transaction
 * (deduplicated by event id) and acknowledged only after the commit.
 */
@Injectable()
export class OrderEventsConsumer implements OnApplicationBootstrap {
  constructor(
    private readonly consumer: EventConsumer,
    private readonly store: OrderStore,
    private readonly desk: DeskDirectory,
    private readonly connectors: ConnectorStatusBoard,
    private readonly metrics: GatewayMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.consume({
      group: CONSUMER_GROUP.OMS,
      consumer: `oms-${hostname()}-${process.pid}`,
      accountIds: this.desk.accountIds(),
      batchSize: 200,
      handler: (batch) => this.ingest(batch),
    });
  }

  async ingest(batch: readonly DeliveredEvent[]): Promise<void> {
    const results = await this.store.transaction(async (ledger) => {
      const applied: { event: GatewayEvent; result: LifecycleResult }[] = [];
      for (const delivered of batch) {
        if (!delivered.ok) {
          continue;
        }
        const event = delivered.event;
        const result = await recordOrderEvent(
          ledger,
          {
            eventId: event.eventId,
            orderId: event.orderId ?? null,
            accountId: event.accountId,
            type: event.type,
            source: event.source,
            payload: event.payload,
            ts: new Date(event.ts),
          },
          orderEventOf(event),
        );
        if (event.type === 'TRADE' && result.stored) {
          await ledger.insertTrade({
            accountId: event.accountId,
            tradeId: event.payload.tradeId,
            orderId: event.orderId ?? null,
            strategyId: event.strategyId ?? result.strategyId,
            symbol: event.payload.symbol,
            side: sideOfOrderType(event.payload.orderType),
            quantity: event.payload.quantity,
            price: event.payload.price,
            amount: BigInt(event.payload.amount),
            commission: BigInt(event.payload.commission),
            tradedAt: new Date(event.payload.tradedAt),
          });
        }
        applied.push({ event, result });
      }
      return applied;
    });
    for (const delivered of batch) {
      if (!delivered.ok) {
        await this.store.recordDeadLetter(
          delivered.accountId,
          delivered.entryId,
          delivered.error,
          delivered.raw,
        );
        this.metrics.deadLetters.inc({ account: delivered.accountId });
        this.logger.warn(
          { accountId: delivered.accountId, entryId: delivered.entryId, reason: delivered.error },
          'malformed stream entry dead-lettered',
        );
      }
    }
    for (const { event, result } of results) {
      this.afterCommit(event, result);
    }
  }

  private afterCommit(event: GatewayEvent, result: LifecycleResult): void {
    this.metrics.eventsIngested.inc({ type: event.type, outcome: result.outcome.split(':')[0] });
    if (event.type === 'CONNECTOR_STATUS') {
      this.connectors.update(event.payload.connectorId, event.payload.state, event.payload.reason);
    }
    if (result.outcome.startsWith('illegal')) {
      this.logger.warn(
        { eventId: event.eventId, orderId: event.orderId, type: event.type },
        'event breaks the order state machine: kept, not applied',
      );
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
