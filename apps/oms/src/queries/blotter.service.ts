import { Injectable } from '@nestjs/common';
import { OrderQueries } from '@qmt/persistence';
import type { Principal } from '@qmt/runtime';
import { orderJson, tradeJson } from '../orders/order-json.js';
import { decodeCursor, encodeCursor, scopedFilter } from './blotter.js';
import type { ListOrdersQuery, ListTradesQuery } from './list-query.dto.js';

const DEFAULT_LIMIT = 100;

export interface JsonPage {
  readonly items: Record<string, unknown>[];
  readonly nextCursor: string | null;
}

/** Order and trade lists for HTTP and gRPC alike: newest first, filtered, keyset cursors. */
@Injectable()
export class BlotterService {
  constructor(private readonly queries: OrderQueries) {}

  async orders(principal: Principal, query: ListOrdersQuery): Promise<JsonPage> {
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

  async trades(principal: Principal, query: ListTradesQuery): Promise<JsonPage> {
    const page = await this.queries.listTrades(
      scopedFilter(principal, query),
      query.limit ?? DEFAULT_LIMIT,
      decodeCursor(query.cursor),
    );
    return { items: page.items.map(tradeJson), nextCursor: encodeCursor(page.next) };
  }
}
