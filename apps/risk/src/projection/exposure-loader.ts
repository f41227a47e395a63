import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CONSUMER_GROUP, type GatewayEvent } from '@qmt/contracts';
import {
  DEFAULT_FEES,
  PositionEffect,
  asMoney,
  asPrice,
  positionEffect,
  reservationFor,
} from '@qmt/domain';
import { EventConsumer } from '@qmt/messaging';
import type { Logger } from '@qmt/observability';
import { OrderQueries, OrderStore, RiskControlStore } from '@qmt/persistence';
import { DeskDirectory, ExchangeClock, LOGGER } from '@qmt/runtime';
import { hostname } from 'node:os';
import { RiskControls } from '../controls/risk-controls.js';
import { AccountLeases } from '../lease/account-leases.js';
import { AccountOwnership } from '../lease/account-ownership.js';
import { FlowCounters } from '../state/flow-counters.js';
import { ExposureBook, UNALLOCATED } from './exposure-book.js';

/** Midnight Asia/Shanghai starting a 'YYYY-MM-DD' trading day. */
function startOfShanghaiDay(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

/** Listeners that want every event after the book applied it (loss monitor). */
export abstract class ExposureListener {
  abstract afterEvents(events: readonly GatewayEvent[]): void;
}

/**
 * Rebuilds risk's state from Postgres at start, then follows the streams (group risk): the limits
 * and kill switch, the books per trading day (T+1: yesterday's holdings and earlier buys are
 * sellable, today's buys are not), open orders' reservations and today's flow counts.
 */
@Injectable()
export class ExposureLoader implements OnApplicationBootstrap {
  private readonly listeners: ExposureListener[] = [];

  constructor(
    private readonly book: ExposureBook,
    private readonly store: OrderStore,
    private readonly queries: OrderQueries,
    private readonly desk: DeskDirectory,
    private readonly consumer: EventConsumer,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly clock: ExchangeClock,
    private readonly controls: RiskControls,
    private readonly flow: FlowCounters,
    private readonly controlStore: RiskControlStore,
    private readonly ownership: AccountOwnership,
  ) {}

  listen(listener: ExposureListener): void {
    this.listeners.push(listener);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.controls.load();
    await this.rebuild();
    await this.consumer.consume({
      // Leased instances each follow every account (a group of their own), so a takeover finds
      // the account's state already current; a lone instance keeps the shared group.
      group:
        this.ownership instanceof AccountLeases
          ? `${CONSUMER_GROUP.RISK}-${this.ownership.instanceId}`
          : CONSUMER_GROUP.RISK,
      consumer: `risk-${hostname()}-${process.pid}`,
      accountIds: this.desk.accountIds(),
      handler: (batch) => {
        const events: GatewayEvent[] = [];
        for (const delivered of batch) {
          if (delivered.ok) {
            this.book.apply(delivered.event);
            events.push(delivered.event);
          }
        }
        for (const listener of this.listeners) {
          listener.afterEvents(events);
        }
        return Promise.resolve();
      },
    });
  }

  async rebuild(): Promise<void> {
    const today = this.clock.tradingDay();
    this.book.rollDay(today);
    for (const account of this.desk.accounts()) {
      for (const position of account.positions) {
        this.book.seedSellable(
          account.id,
          position.book ?? UNALLOCATED,
          position.symbol,
          position.quantity,
        );
      }
    }
    const [spends, flows, tradeKeys, open, dailyFlow] = await Promise.all([
      this.store.netSpendByBook(),
      this.queries.bookFlowsByDay(),
      this.store.tradeKeys(),
      this.store.openOrders(),
      this.controlStore.dailyFlow(startOfShanghaiDay(today)),
    ]);
    for (const spend of spends) {
      this.book.seedSpent(spend.accountId, spend.strategyId, spend.spent);
    }
    for (const flow of flows) {
      this.book.seedFees(flow.accountId, flow.strategyId, flow.commission);
      const isToday = flow.tradingDay === today;
      this.book.seedHolding(flow.accountId, flow.strategyId, flow.symbol, {
        startOfDay: isToday ? 0 : flow.bought - flow.sold,
        boughtToday: isToday ? flow.bought : 0,
        soldToday: isToday ? flow.sold : 0,
        ...(isToday
          ? { buyAmount: flow.buyAmount, sellAmount: flow.sellAmount, fees: flow.commission }
          : {}),
      });
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
        cashPerShare: asMoney(
          order.side === 'BUY'
            ? (reserved + BigInt(order.quantity) - 1n) / BigInt(order.quantity)
            : 0n,
        ),
        filled: order.view.filledQuantity,
        limitPrice: riskOrder.limitPrice,
        increases: positionEffect(order.orderType) === PositionEffect.INCREASE,
      });
    }
    for (const row of dailyFlow) {
      this.flow.seedDay(row.accountId, row.strategyId, today, row.orders, row.cancels);
    }
    this.logger.info(
      { openOrders: open.length, books: spends.length, trades: tradeKeys.length, day: today },
      'risk exposure rebuilt from Postgres',
    );
  }
}
