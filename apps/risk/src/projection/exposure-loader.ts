import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CONSUMER_GROUP } from '@qmt/contracts';
import { DEFAULT_FEES, asMoney, asPrice, reservationFor } from '@qmt/domain';
import { EventConsumer } from '@qmt/messaging';
import type { Logger } from '@qmt/observability';
import { OrderQueries, OrderStore } from '@qmt/persistence';
import { DeskDirectory, LOGGER } from '@qmt/runtime';
import { hostname } from 'node:os';
import { ExposureBook } from './exposure-book.js';

/** Rebuilds the exposure book from Postgres at start, then follows the streams (group risk). */
@Injectable()
export class ExposureLoader implements OnApplicationBootstrap {
  constructor(
    private readonly book: ExposureBook,
    private readonly store: OrderStore,
    private readonly queries: OrderQueries,
    private readonly desk: DeskDirectory,
    private readonly consumer: EventConsumer,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.rebuild();
    await this.consumer.consume({
      group: CONSUMER_GROUP.RISK,
      consumer: `risk-${hostname()}-${process.pid}`,
      accountIds: this.desk.accountIds(),
      handler: (batch) => {
        for (const delivered of batch) {
          if (delivered.ok) {
            this.book.apply(delivered.event);
          }
        }
        return Promise.resolve();
      },
    });
  }

  async rebuild(): Promise<void> {
    for (const account of this.desk.accounts()) {
      for (const position of account.positions) {
        if (position.book !== undefined) {
          this.book.seedSellable(account.id, position.book, position.symbol, position.quantity);
        }
      }
    }
    const [spends, flows, tradeKeys, open] = await Promise.all([
      this.store.netSpendByBook(),
      this.queries.bookFlows(),
      this.store.tradeKeys(),
      this.store.openOrders(),
    ]);
    for (const spend of spends) {
      this.book.seedSpent(spend.accountId, spend.strategyId, spend.spent);
    }
    // T+1: today's buys are not sellable today, today's sells are gone.
    for (const flow of flows) {
      this.book.seedSellable(flow.accountId, flow.strategyId, flow.symbol, -flow.sold);
    }
    for (const trade of tradeKeys) {
      this.book.markTradeApplied(trade.accountId, trade.tradeId);
    }
    for (const order of open) {
      const instrument = this.desk.instrument(order.symbol);
      if (instrument === undefined || order.side === null) {
        continue;
      }
      const riskOrder = {
        side: order.side,
        quantity: order.quantity,
        limitPrice: order.price === null ? null : asPrice(order.price),
        symbol: order.symbol,
      };
      const reserved = reservationFor(riskOrder, instrument, DEFAULT_FEES);
      this.book.reserve({
        orderId: order.orderId,
        accountId: order.accountId,
        strategyId: order.strategyId,
        symbol: order.symbol,
        side: order.side,
        quantity: order.quantity,
        cashPerShare: asMoney((reserved + BigInt(order.quantity) - 1n) / BigInt(order.quantity)),
        filled: order.view.filledQuantity,
      });
    }
    this.logger.info(
      { openOrders: open.length, books: spends.length, trades: tradeKeys.length },
      'risk exposure rebuilt from Postgres',
    );
  }
}
