import { Injectable } from '@nestjs/common';
import { asPrice, priceToYuan } from '@qmt/domain';
import { OrderQueries } from '@qmt/persistence';
import { DeskDirectory, type Principal } from '@qmt/runtime';
import { assertOwnStrategy } from './blotter.js';
import type { ListPositionsQuery } from './list-query.dto.js';

interface PositionRow {
  accountId: string;
  symbol: string;
  books: Map<string | null, number>;
  broker: Record<string, unknown> | null;
}

export interface PositionJson {
  readonly accountId: string;
  readonly symbol: string;
  readonly books: { readonly strategyId: string | null; readonly quantity: number }[];
  readonly broker: Record<string, unknown> | null;
}

/**
 * Positions for GET /v1/positions and gRPC ListPositions: each strategy's book (yesterday's holdings from the desk config plus
 * today's fills) beside the broker's own position, per account and symbol (ARCHITECTURE §5).
 * Shares no strategy owns show as the unallocated book (strategyId null).
 */
@Injectable()
export class PositionsService {
  constructor(
    private readonly desk: DeskDirectory,
    private readonly queries: OrderQueries,
  ) {}

  async list(principal: Principal, query: ListPositionsQuery): Promise<{ items: PositionJson[] }> {
    assertOwnStrategy(principal, query.strategyId);
    const strategyFilter = principal.strategyId ?? query.strategyId;
    const rows = new Map<string, PositionRow>();
    const row = (accountId: string, symbol: string): PositionRow => {
      const key = `${accountId}\u0000${symbol}`;
      const existing = rows.get(key);
      if (existing !== undefined) {
        return existing;
      }
      const fresh: PositionRow = { accountId, symbol, books: new Map(), broker: null };
      rows.set(key, fresh);
      return fresh;
    };
    const addBook = (
      accountId: string,
      symbol: string,
      strategyId: string | null,
      quantity: number,
    ) => {
      const books = row(accountId, symbol).books;
      books.set(strategyId, (books.get(strategyId) ?? 0) + quantity);
    };
    for (const account of this.desk.accounts()) {
      for (const holding of account.positions) {
        addBook(account.id, holding.symbol, holding.book ?? null, holding.quantity);
      }
    }
    for (const flow of await this.queries.bookFlows()) {
      addBook(flow.accountId, flow.symbol, flow.strategyId, flow.bought - flow.sold);
    }
    for (const broker of await this.queries.latestPositions()) {
      row(broker.accountId, broker.symbol).broker = {
        volume: broker.volume,
        sellable: broker.sellable,
        frozen: broker.frozen,
        avgPrice: priceToYuan(asPrice(broker.avgPrice)),
        asOf: broker.at.toISOString(),
      };
    }
    const items = [...rows.values()]
      .filter((r) => principal.accounts.has(r.accountId))
      .filter((r) => query.accountId === undefined || r.accountId === query.accountId)
      .map((r) => ({
        accountId: r.accountId,
        symbol: r.symbol,
        books: [...r.books.entries()]
          .filter(([strategyId]) => strategyFilter === undefined || strategyId === strategyFilter)
          .map(([strategyId, quantity]) => ({ strategyId, quantity })),
        broker: r.broker,
      }))
      .filter((r) => r.books.length > 0 || (strategyFilter === undefined && r.broker !== null))
      .sort((a, b) => a.accountId.localeCompare(b.accountId) || a.symbol.localeCompare(b.symbol));
    return { items };
  }
}
