import { Controller, Get, Query } from '@nestjs/common';
import { OrderQueries } from '@qmt/persistence';
import type { Principal } from '@qmt/runtime';
import { CurrentPrincipal } from '@qmt/runtime';
import { orderJson, tradeJson } from '../orders/order-json.js';
import { decodeCursor, encodeCursor, scopedFilter } from './blotter.js';
import { ListOrdersQuery, ListTradesQuery } from './list-query.dto.js';

const DEFAULT_LIMIT = 100;

/** GET /v1/orders and GET /v1/trades: newest first, filtered, with keyset cursors. */
@Controller('v1')
export class BlotterController {
  constructor(private readonly queries: OrderQueries) {}

  @Get('orders')
  async orders(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListOrdersQuery,
  ): Promise<Record<string, unknown>> {
    const page = await this.queries.listOrders(
      {
        ...scopedFilter(principal, query),
        ...(query.status === undefined ? {} : { status: query.status }),
        ...(query.parentId === undefined ? {} : { parentId: query.parentId }),
      },
      query.limit ?? DEFAULT_LIMIT,
      decodeCursor(query.cursor),
    );
    return { items: page.items.map(orderJson), nextCursor: encodeCursor(page.next) };
  }

  @Get('trades')
  async trades(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ListTradesQuery,
  ): Promise<Record<string, unknown>> {
    const page = await this.queries.listTrades(
      scopedFilter(principal, query),
      query.limit ?? DEFAULT_LIMIT,
      decodeCursor(query.cursor),
    );
    return { items: page.items.map(tradeJson), nextCursor: encodeCursor(page.next) };
  }
}
