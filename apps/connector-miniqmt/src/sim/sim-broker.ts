import {
  XtOrderStatus,
  XtOrderType,
  asMoney,
  asPrice,
  type Price,
  type XtCallback,
  type XtOrder,
} from '@qmt/domain';
import type { XtIpoInfo } from '../session/xt-records.js';
import { counterRefusal, newSimOrder, referencePrice, type PlaceRequest } from './sim-admission.js';
import type { AccountBook, Refusal } from './sim-book.js';
import type { SimBrokerState } from './sim-broker-state.js';
import type { SimClock } from './sim-clock.js';
import type { SimFaults } from './sim-faults.js';
import { arrivalLimit, matchAgainstQuote } from './sim-matching.js';
import { executionStyleOf, xtMarketOf, type ExecutionStyle } from './sim-market-rules.js';
import { isCancellable, xtOrderOf, xtTradeOf, type SimOrder } from './sim-order.js';
import type { SimInstrument, SimQuoteBook } from './sim-quote-book.js';

export interface SimCounterOptions {
  readonly state: SimBrokerState;
  readonly quotes: SimQuoteBook;
  readonly clock: SimClock;
  readonly faults: () => SimFaults;
  readonly random: () => number;
  /** Today's subscription codes (IPO and new bonds). */
  readonly ipo: Readonly<Record<string, XtIpoInfo>>;
  /** False outside the sessions the counter takes orders in. */
  readonly acceptsOrders: (now: Date) => boolean;
}

/** '600000.SH' as the counter writes it in error texts: 'SH600000'. */
function counterCode(symbol: string): string {
  const [code = symbol, market = ''] = symbol.split('.');
  return `${market}${code}`;
}

const RESTING_STYLE: ExecutionStyle = {
  levels: Infinity,
  limit: 'ORDER',
  remainder: 'REST',
  allOrNone: false,
};

/**
 * The simulated counter and exchange behind the terminal (xtquant-api §5.27): admission through
 * the account's book, matching against the quote, the callback sequence of each step. It pushes
 * every callback to one sink (the session decides who hears it) and writes its state before
 * pushing. Ids, remarks and statuses follow the real terminal's conventions.
 */
export class SimCounter {
  private sink: (callback: XtCallback) => void = () => undefined;
  private readonly resting = new Map<string, Set<number>>();

  constructor(private readonly o: SimCounterOptions) {
    for (const order of o.state.orders.values()) {
      if (isCancellable(order) && order.kind === 'EXCHANGE') {
        this.rest(order);
      }
    }
  }

  setSink(sink: (callback: XtCallback) => void): void {
    this.sink = sink;
  }

  book(accountId: string): AccountBook | undefined {
    return this.o.state.books.get(accountId);
  }

  /** order_stock(_async): the order id, or -1 for an account the terminal does not have. */
  place(request: PlaceRequest, seq: number | null): number {
    const now = this.o.clock.now();
    this.o.state.rollIfNewDay(now);
    const book = this.book(request.accountId);
    const orderId = this.o.state.nextOrderId();
    if (book === undefined) {
      if (seq !== null) {
        this.respond(request, -1, '账号不存在', seq, 2);
      }
      this.o.state.flush();
      return -1;
    }
    const order = newSimOrder(request, book, orderId, now, this.o.quotes, this.o.ipo);
    this.o.state.orders.set(orderId, order);
    if (seq !== null) {
      // The wrapper hard-codes account_type 2 in XtOrderResponse (xtquant-api §5.22).
      this.respond(request, this.answeredId(order), '', seq, 2);
    }
    const instrument = this.instrumentOf(order.symbol);
    const reference = referencePrice(order, instrument, this.o.quotes);
    const refusal = this.admissionRefusal(order, book, instrument, reference);
    if (refusal !== null) {
      this.reject(order, refusal, seq);
    } else {
      this.accept(order, book, instrument, reference);
    }
    this.o.state.flush();
    return orderId;
  }

  /** cancel_order_stock(_sysid)(_async): 0 when the counter took the cancel, -1 otherwise. */
  cancel(
    accountId: string,
    target: { orderId?: number; sysId?: string },
    seq: number | null,
  ): number {
    const order = [...this.o.state.orders.values()].find(
      (o) =>
        o.accountId === accountId &&
        ((target.orderId !== undefined && o.orderId === target.orderId) ||
          (target.sysId !== undefined && target.sysId !== '' && o.sysId === target.sysId)),
    );
    const book = this.book(accountId);
    const open = order !== undefined && isCancellable(order) && order.kind !== 'IPO';
    const actual = open ? 0 : -1;
    // Cancel results lie both ways on some terminals (anchors §5): only statuses tell.
    const reported = this.o.faults().cancelLies ? (open ? -1 : 0) : actual;
    if (seq !== null) {
      this.sink({
        callback: 'on_cancel_order_stock_async_response',
        data: {
          account_type: 2,
          account_id: accountId,
          cancel_result: reported,
          order_id: order?.orderId ?? target.orderId ?? 0,
          order_sysid: target.sysId ?? order?.sysId ?? '',
          seq,
          error_msg: open ? '' : '委托不可撤',
        },
      });
    }
    if (!open || book === undefined) {
      this.sink({
        callback: 'on_cancel_error',
        data: {
          account_type: book?.accountType ?? 2,
          account_id: accountId,
          order_id: order?.orderId ?? target.orderId ?? 0,
          market: order === undefined ? 0 : xtMarketOf(order.symbol),
          order_sysid: target.sysId ?? order?.sysId ?? '',
          error_id: -1,
          error_msg:
            order === undefined
              ? '委托不存在'
              : order.kind === 'IPO'
                ? '申购委托不允许撤单'
                : '委托已完成，不能撤单',
        },
      });
      this.o.state.flush();
      return reported;
    }
    order.status =
      order.traded > 0 ? XtOrderStatus.ORDER_PARTSUCC_CANCEL : XtOrderStatus.ORDER_REPORTED_CANCEL;
    this.emitOrder(order);
    this.finishRest(order, book, '');
    this.o.state.flush();
    return reported;
  }

  /** A new quote for a code: resting orders it crosses trade, as much as it shows. */
  onQuote(symbol: string): void {
    const ids = this.resting.get(symbol);
    const quote = this.o.quotes.quote(symbol);
    if (ids === undefined || ids.size === 0 || quote === undefined) {
      return;
    }
    const instrument = this.instrumentOf(symbol);
    for (const id of [...ids]) {
      const order = this.o.state.orders.get(id);
      const book = order === undefined ? undefined : this.book(order.accountId);
      if (order === undefined || book === undefined || !isCancellable(order)) {
        ids.delete(id);
        continue;
      }
      const result = matchAgainstQuote({
        side: order.side,
        remaining: order.volume - order.traded,
        limit: order.restLimit,
        style: RESTING_STYLE,
        quote,
        maker: true,
      });
      for (const fill of result.fills) {
        this.fill(
          order,
          book,
          instrument,
          fill.volume,
          fill.price,
          order.side === 'BUY' ? 'asks' : 'bids',
          fill.price,
        );
      }
      if (order.traded >= order.volume) {
        ids.delete(id);
      }
    }
    this.o.state.flush();
  }

  /**
   * The id the async response gives: the order's own, or with the remark-reuse fault the id of
   * an earlier order with the same remark (a bridge's remark → id map, litaolemo #299).
   */
  private answeredId(order: SimOrder): number {
    if (!this.o.faults().reusedRemarkAnswersOldId) {
      return order.orderId;
    }
    for (const earlier of this.o.state.orders.values()) {
      if (earlier.accountId === order.accountId && earlier.remark === order.remark) {
        return earlier.orderId;
      }
    }
    return order.orderId;
  }

  /** Pushes an account's asset (after a transfer). */
  announce(accountId: string): void {
    const book = this.book(accountId);
    if (book !== undefined) {
      this.emitHoldings(book, null);
    }
  }

  xtOrder(order: SimOrder): XtOrder {
    return xtOrderOf(order, this.o.faults().priceTypeEcho);
  }

  instrumentOf(symbol: string): SimInstrument {
    return (
      this.o.quotes.instrument(symbol) ?? {
        symbol,
        name: '',
        preClose: asPrice(0),
        tick: asPrice(100),
        multiplier: 1,
        marginRatio: 0.12,
        upLimit: null,
        downLimit: null,
      }
    );
  }

  private admissionRefusal(
    order: SimOrder,
    book: AccountBook,
    instrument: SimInstrument,
    reference: Price,
  ): Refusal | null {
    const refusal = counterRefusal(order, instrument, {
      now: this.o.clock.now(),
      acceptsOrders: this.o.acceptsOrders,
      quotes: this.o.quotes,
      ipo: this.o.ipo,
      faults: this.o.faults(),
      random: this.o.random,
    });
    if (refusal !== null || order.kind === 'IPO') {
      return refusal;
    }
    const refused = book.admit(order, reference, instrument);
    const first = order.legs[0];
    if (refused === null && first !== undefined) {
      order.direction = first.direction;
      order.offsetFlag = first.kind === 'OPEN' ? 48 : 49;
    }
    this.o.state.touchBook(book);
    return refused;
  }

  private accept(
    order: SimOrder,
    book: AccountBook,
    instrument: SimInstrument,
    reference: Price,
  ): void {
    this.emitOrder(order);
    order.sysId = this.o.state.nextSysId();
    order.status = XtOrderStatus.ORDER_REPORTED;
    this.emitOrder(order);
    if (order.kind === 'IPO') {
      return;
    }
    if (order.kind === 'COUNTER') {
      // Direct repayments and ETF creation/redemption complete at the counter in one step.
      const price =
        order.orderType === XtOrderType.CREDIT_DIRECT_CASH_REPAY ||
        order.orderType === XtOrderType.CREDIT_DIRECT_CASH_REPAY_SPECIAL
          ? asPrice(10_000)
          : reference;
      this.fill(order, book, instrument, order.volume, price, null, price);
      return;
    }
    const quote = this.o.quotes.quote(order.symbol);
    const style = executionStyleOf(order.priceType, order.symbol);
    if (quote === undefined || !style.ok) {
      return;
    }
    const limit = arrivalLimit(style.style, order.side, order.limit, quote);
    if (!limit.ok) {
      this.finishRest(order, book, '无对手方报价,剩余撤销');
      return;
    }
    const result = matchAgainstQuote({
      side: order.side,
      remaining: order.volume,
      limit: limit.limit,
      style: style.style,
      quote,
      maker: false,
    });
    for (const fill of result.fills) {
      this.fill(
        order,
        book,
        instrument,
        fill.volume,
        fill.price,
        order.side === 'BUY' ? 'asks' : 'bids',
        fill.price,
      );
    }
    if (order.traded >= order.volume) {
      return;
    }
    if (result.restLimit === null) {
      this.finishRest(order, book, '即时成交剩余撤销');
      return;
    }
    order.restLimit = result.restLimit;
    this.rest(order);
  }

  private reject(order: SimOrder, refusal: Refusal, seq: number | null): void {
    order.status = XtOrderStatus.ORDER_JUNK;
    order.sysId = `xt${order.orderId}`;
    order.statusMsg = `[COUNTER][${refusal.code}][${refusal.text}]`;
    this.emitOrder(order);
    this.sink({
      callback: 'on_order_error',
      data: {
        account_type: order.accountType,
        account_id: order.accountId,
        order_id: order.orderId,
        error_id: -61,
        // As the terminal words it: '限价买入 [SZ162411] [COUNTER] [12313][…]' (§5.7).
        error_msg: `${order.limit === null ? '市价' : '限价'}${order.side === 'BUY' ? '买入' : '卖出'} [${counterCode(order.symbol)}] [COUNTER] [${refusal.code}][${refusal.text}]`,
        strategy_name: order.strategyName,
        order_remark: order.remark,
        ...(seq === null ? {} : { seq }),
      },
    });
  }

  private fill(
    order: SimOrder,
    book: AccountBook,
    instrument: SimInstrument,
    volume: number,
    price: Price,
    side: 'asks' | 'bids' | null,
    levelPrice: Price,
  ): void {
    const now = Math.floor(this.o.clock.now().getTime() / 1000);
    for (const part of book.fill(order, volume, price, instrument)) {
      const trade = xtTradeOf(
        order,
        this.o.state.nextTradeId(),
        now,
        price,
        part.volume,
        instrument.multiplier,
        part.direction,
        part.offsetFlag,
      );
      this.o.state.addTrade(trade);
      this.sink({ callback: 'on_stock_trade', data: trade });
    }
    if (side !== null) {
      this.o.quotes.take(order.symbol, side, levelPrice, volume);
    }
    order.traded += volume;
    order.tradedNotional = asMoney(order.tradedNotional + BigInt(price) * BigInt(volume));
    order.status =
      order.traded >= order.volume ? XtOrderStatus.ORDER_SUCCEEDED : XtOrderStatus.ORDER_PART_SUCC;
    this.emitOrder(order);
    this.o.state.touchBook(book);
    this.emitHoldings(book, order.symbol);
  }

  /** The rest of an order ends (cancel, IOC rest, no counterparty): 53 or 54, reservation freed. */
  private finishRest(order: SimOrder, book: AccountBook, message: string): void {
    book.release(order, order.volume - order.traded, this.instrumentOf(order.symbol));
    this.resting.get(order.symbol)?.delete(order.orderId);
    order.status =
      order.traded > 0 ? XtOrderStatus.ORDER_PART_CANCEL : XtOrderStatus.ORDER_CANCELED;
    order.statusMsg = message;
    this.emitOrder(order);
    this.o.state.touchBook(book);
    this.emitHoldings(book, order.symbol);
  }

  private rest(order: SimOrder): void {
    const ids = this.resting.get(order.symbol) ?? new Set<number>();
    ids.add(order.orderId);
    this.resting.set(order.symbol, ids);
  }

  private emitHoldings(book: AccountBook, symbol: string | null): void {
    const mark = (s: string): Price | undefined => this.o.quotes.quote(s)?.last;
    const instrumentOf = (s: string): SimInstrument => this.instrumentOf(s);
    if (symbol !== null) {
      for (const position of book.positions(mark, instrumentOf)) {
        if (position.stock_code === symbol) {
          this.sink({ callback: 'on_stock_position', data: position });
        }
      }
    }
    this.sink({ callback: 'on_stock_asset', data: book.asset(mark, instrumentOf) });
  }

  private emitOrder(order: SimOrder): void {
    this.o.state.touchOrder(order);
    const faults = this.o.faults();
    if (faults.unknownStatusRate > 0 && this.o.random() < faults.unknownStatusRate) {
      this.sink({
        callback: 'on_stock_order',
        data: { ...this.xtOrder(order), order_status: XtOrderStatus.ORDER_UNKNOWN },
      });
    }
    this.sink({ callback: 'on_stock_order', data: this.xtOrder(order) });
  }

  private respond(
    request: PlaceRequest,
    orderId: number,
    error: string,
    seq: number,
    accountType: number,
  ): void {
    this.sink({
      callback: 'on_order_stock_async_response',
      data: {
        account_type: accountType,
        account_id: request.accountId,
        order_id: orderId,
        strategy_name: request.strategyName.slice(0, 23),
        order_remark: request.orderRemark,
        error_msg: error,
        seq,
      },
    });
  }
}

export type { PlaceRequest };
