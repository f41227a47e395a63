import type { GatewayEvent } from '@qmt/contracts';
import { isTerminalState, orderStateOfXtStatus, sideOfOrderType, type Money } from '@qmt/domain';

/** Cash and shares an open order holds back until it fills or ends. */
export interface Reservation {
  readonly orderId: string;
  readonly accountId: string;
  readonly strategyId: string;
  readonly symbol: string;
  readonly side: 'BUY' | 'SELL';
  readonly quantity: number;
  /** Money reserved per share (price + fee estimate share) for buys; 0 for sells. */
  readonly cashPerShare: Money;
  readonly filled: number;
}

/** One strategy book in one account as the gauges show it (money in 0.0001 CNY units). */
export interface BookExposure {
  readonly accountId: string;
  readonly strategyId: string;
  openOrders: number;
  reservedCash: bigint;
  spent: bigint;
}

function key(...parts: string[]): string {
  return parts.join('\u0000');
}

/**
 * Risk's in-memory exposure per account and strategy book: cash spent by fills, open
 * reservations, sellable shares. Updated synchronously so check and reserve happen in one tick
 * (ARCHITECTURE §4); rebuilt from Postgres at start and kept current from the event streams.
 */
export class ExposureBook {
  private readonly reservations = new Map<string, Reservation>();
  private readonly spentByBook = new Map<string, bigint>();
  private readonly spentByAccount = new Map<string, bigint>();
  /** Shares each book may sell today (held from yesterday minus today's sells). */
  private readonly sellableByBook = new Map<string, number>();
  private readonly appliedTrades = new Set<string>();
  private readonly connectorsDown = new Set<string>();

  seedSellable(accountId: string, strategyId: string, symbol: string, quantity: number): void {
    const k = key(accountId, strategyId, symbol);
    this.sellableByBook.set(k, (this.sellableByBook.get(k) ?? 0) + quantity);
  }

  seedSpent(accountId: string, strategyId: string, spent: bigint): void {
    this.addSpent(accountId, strategyId, spent);
  }

  markTradeApplied(accountId: string, tradeId: string): void {
    this.appliedTrades.add(key(accountId, tradeId));
  }

  reserve(reservation: Reservation): void {
    this.reservations.set(reservation.orderId, reservation);
  }

  release(orderId: string): void {
    this.reservations.delete(orderId);
  }

  /** Cash held by open buys in an account (optionally one strategy's). */
  reservedCash(accountId: string, strategyId?: string): bigint {
    let total = 0n;
    for (const r of this.reservations.values()) {
      if (r.accountId === accountId && (strategyId === undefined || r.strategyId === strategyId)) {
        total += BigInt(r.cashPerShare) * BigInt(Math.max(r.quantity - r.filled, 0));
      }
    }
    return total;
  }

  spent(accountId: string, strategyId?: string): bigint {
    return strategyId === undefined
      ? (this.spentByAccount.get(accountId) ?? 0n)
      : (this.spentByBook.get(key(accountId, strategyId)) ?? 0n);
  }

  /** Shares a book can still sell: sellable minus what its open sells already hold. */
  sellable(accountId: string, strategyId: string, symbol: string): number {
    let openSells = 0;
    for (const r of this.reservations.values()) {
      if (
        r.side === 'SELL' &&
        r.accountId === accountId &&
        r.strategyId === strategyId &&
        r.symbol === symbol
      ) {
        openSells += Math.max(r.quantity - r.filled, 0);
      }
    }
    return (this.sellableByBook.get(key(accountId, strategyId, symbol)) ?? 0) - openSells;
  }

  /** Per book: open orders, cash they reserve and net spend (for the book gauges). */
  books(): BookExposure[] {
    const books = new Map<string, BookExposure>();
    const bookOf = (accountId: string, strategyId: string): BookExposure => {
      const k = key(accountId, strategyId);
      let book = books.get(k);
      if (book === undefined) {
        book = { accountId, strategyId, openOrders: 0, reservedCash: 0n, spent: 0n };
        books.set(k, book);
      }
      return book;
    };
    for (const r of this.reservations.values()) {
      const book = bookOf(r.accountId, r.strategyId);
      book.openOrders += 1;
      book.reservedCash += BigInt(r.cashPerShare) * BigInt(Math.max(r.quantity - r.filled, 0));
    }
    for (const [k, spent] of this.spentByBook) {
      const [accountId = '', strategyId = ''] = k.split('\u0000');
      bookOf(accountId, strategyId).spent = spent;
    }
    return [...books.values()];
  }

  isConnectorDown(connectorId: string): boolean {
    return this.connectorsDown.has(connectorId);
  }

  /** Applies one stream event; idempotent, so redelivered events change nothing. */
  apply(event: GatewayEvent): void {
    switch (event.type) {
      case 'ORDER_STATUS': {
        const orderId = event.orderId;
        const reservation = orderId === undefined ? undefined : this.reservations.get(orderId);
        if (reservation === undefined || orderId === undefined) {
          return;
        }
        if (isTerminalState(orderStateOfXtStatus(event.payload.xtStatus))) {
          this.reservations.delete(orderId);
        } else if (event.payload.filledQuantity > reservation.filled) {
          this.reservations.set(orderId, { ...reservation, filled: event.payload.filledQuantity });
        }
        return;
      }
      case 'ORDER_ERROR':
        if (event.orderId !== undefined) {
          this.reservations.delete(event.orderId);
        }
        return;
      case 'ROUTE_REFUSED':
        if (event.orderId !== undefined && event.payload.jobKind === 'PLACE') {
          this.reservations.delete(event.orderId);
        }
        return;
      case 'TRADE': {
        const tradeKey = key(event.accountId, event.payload.tradeId);
        if (this.appliedTrades.has(tradeKey)) {
          return;
        }
        this.appliedTrades.add(tradeKey);
        const reservation =
          event.orderId === undefined ? undefined : this.reservations.get(event.orderId);
        const strategyId = event.strategyId ?? reservation?.strategyId;
        if (strategyId === undefined) {
          return;
        }
        const side = sideOfOrderType(event.payload.orderType);
        const amount = BigInt(event.payload.amount);
        this.addSpent(event.accountId, strategyId, side === 'BUY' ? amount : -amount);
        if (side === 'SELL') {
          const k = key(event.accountId, strategyId, event.payload.symbol);
          this.sellableByBook.set(k, (this.sellableByBook.get(k) ?? 0) - event.payload.quantity);
        }
        if (reservation !== undefined) {
          this.reservations.set(reservation.orderId, {
            ...reservation,
            filled: reservation.filled + event.payload.quantity,
          });
        }
        return;
      }
      case 'CONNECTOR_STATUS':
        if (event.payload.state === 'DOWN') {
          this.connectorsDown.add(event.payload.connectorId);
        } else {
          this.connectorsDown.delete(event.payload.connectorId);
        }
        return;
      case 'ORDER_ACK':
      case 'CANCEL_ERROR':
      case 'ASSET':
      case 'POSITION':
        return;
    }
  }

  private addSpent(accountId: string, strategyId: string, amount: bigint): void {
    const bookKey = key(accountId, strategyId);
    this.spentByBook.set(bookKey, (this.spentByBook.get(bookKey) ?? 0n) + amount);
    this.spentByAccount.set(accountId, (this.spentByAccount.get(accountId) ?? 0n) + amount);
  }
}
