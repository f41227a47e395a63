import {
  XtBrokerPriceType,
  XtOrderStatus,
  XtPriceType,
  asMoney,
  moneyFromYuan,
  parsePrice,
  priceToYuan,
  sideOfOrderType,
  type Money,
  type Price,
  type XtAsset,
  type XtCallback,
  type XtOrder,
  type XtPosition,
  type XtTrade,
} from '@qmt/domain';
import { MiniQmtSession, type XtAccountRef } from '../session/mini-qmt-session.port.js';
import { SimLedger } from './sim-ledger.js';
import { SimQuoteBook, type SimInstrument } from './sim-quote-book.js';

export interface SimConfig {
  readonly accounts: readonly {
    readonly accountId: string;
    readonly accountType: number;
    readonly cash: number;
    readonly positions: readonly { readonly symbol: string; readonly volume: number }[];
  }[];
  readonly instruments: readonly {
    readonly symbol: string;
    readonly name: string;
    readonly preClose: number;
    readonly tickSize: number;
  }[];
  /**
   * Base of the broker ids this run hands out (order ids, contract numbers, traded ids). A real
   * counter never reuses them within a day, so by default the base comes from the start time:
   * a restarted sim must not repeat yesterday's traded ids (they are dedupe keys downstream).
   */
  readonly idBase?: number;
  /** Delay between two callbacks, ms (0: next tick). */
  readonly latencyMs?: number;
  readonly now: () => Date;
}

interface SimOrder {
  readonly orderId: number;
  sysId: string;
  readonly account: SimLedger;
  readonly symbol: string;
  readonly orderType: number;
  readonly side: 'BUY' | 'SELL';
  readonly volume: number;
  readonly priceType: number;
  readonly limit: Price | null;
  readonly strategyName: string;
  readonly remark: string;
  readonly time: number;
  frozenPerShare: Money;
  traded: number;
  tradedNotional: bigint;
  status: number;
  statusMsg: string;
}

/**
 * A simulated miniQMT (xtquant-api §5.27): exact xttype field names and xtconstant codes,
 * marketable limit orders filled at the quote, resting orders, cancels 51 → 54, rejections as
 * 57 with a counter-style message plus on_order_error, T+1 sellable volume, frozen cash and
 * shares, serial callback delivery that survives a throwing listener.
 */
export class SimMiniQmt extends MiniQmtSession {
  readonly quotes: SimQuoteBook;
  private readonly ledgers = new Map<string, SimLedger>();
  private readonly orders = new Map<number, SimOrder>();
  private readonly trades: XtTrade[] = [];
  private readonly listeners: ((callback: XtCallback) => void)[] = [];
  private readonly outbox: XtCallback[] = [];
  private pumping = false;
  private connected = false;
  private seq = 0;
  private nextOrderId: number;
  private nextSysId: number;
  private nextTradeId: number;

  constructor(private readonly config: SimConfig) {
    super();
    const base = config.idBase ?? Math.floor(config.now().getTime() / 1000) % 10_000_000;
    this.nextOrderId = base * 1000 + 1;
    this.nextSysId = base * 1000 + 1;
    this.nextTradeId = base * 1000 + 1;
    const instruments: SimInstrument[] = config.instruments.map((i) => ({
      symbol: i.symbol,
      name: i.name,
      preClose: priceOrThrow(i.preClose, i.symbol),
      tick: priceOrThrow(i.tickSize, i.symbol),
    }));
    this.quotes = new SimQuoteBook(instruments);
    for (const account of config.accounts) {
      this.ledgers.set(
        account.accountId,
        new SimLedger(
          account.accountId,
          account.accountType,
          moneyFromYuan(account.cash),
          account.positions,
        ),
      );
    }
  }

  connect(): Promise<void> {
    this.connected = true;
    return Promise.resolve();
  }

  disconnect(): Promise<void> {
    this.connected = false;
    this.emit({ callback: 'on_disconnected', data: {} });
    return Promise.resolve();
  }

  isConnected(): boolean {
    return this.connected;
  }

  onCallback(listener: (callback: XtCallback) => void): void {
    this.listeners.push(listener);
  }

  subscribe(account: XtAccountRef): Promise<number> {
    return Promise.resolve(this.connected && this.ledgers.has(account.account_id) ? 0 : -1);
  }

  orderStockAsync(
    account: XtAccountRef,
    stockCode: string,
    orderType: number,
    orderVolume: number,
    priceType: number,
    price: number,
    strategyName: string,
    orderRemark: string,
  ): Promise<number> {
    const seq = ++this.seq;
    const ledger = this.ledgers.get(account.account_id);
    if (!this.connected || ledger === undefined) {
      return Promise.resolve(-1);
    }
    const volume = Math.trunc(orderVolume);
    const order: SimOrder = {
      orderId: this.nextOrderId++,
      sysId: '',
      account: ledger,
      symbol: stockCode,
      orderType,
      side: sideOfOrderType(orderType),
      volume,
      priceType,
      limit: priceType === XtPriceType.FIX_PRICE ? parsePrice(price) : null,
      strategyName: strategyName.slice(0, 23),
      remark: orderRemark,
      time: Math.floor(this.config.now().getTime() / 1000),
      frozenPerShare: asMoney(0n),
      traded: 0,
      tradedNotional: 0n,
      status: XtOrderStatus.ORDER_UNREPORTED,
      statusMsg: '',
    };
    this.orders.set(order.orderId, order);
    this.emit({
      callback: 'on_order_stock_async_response',
      data: {
        account_type: ledger.accountType,
        account_id: ledger.accountId,
        order_id: order.orderId,
        strategy_name: order.strategyName,
        order_remark: order.remark,
        error_msg: '',
        seq,
      },
    });
    const refusal = this.admit(order);
    if (refusal !== null) {
      this.reject(order, refusal.code, refusal.text);
      return Promise.resolve(seq);
    }
    this.emitOrder(order);
    order.sysId = String(this.nextSysId++);
    order.status = XtOrderStatus.ORDER_REPORTED;
    this.emitOrder(order);
    this.match(order);
    return Promise.resolve(seq);
  }

  cancelOrderStockAsync(account: XtAccountRef, orderId: number): Promise<number> {
    const seq = ++this.seq;
    const order = this.orders.get(orderId);
    const ledger = this.ledgers.get(account.account_id);
    if (ledger === undefined) {
      return Promise.resolve(-1);
    }
    const open =
      order !== undefined &&
      (order.status === XtOrderStatus.ORDER_REPORTED ||
        order.status === XtOrderStatus.ORDER_PART_SUCC);
    this.emit({
      callback: 'on_cancel_order_stock_async_response',
      data: {
        account_type: ledger.accountType,
        account_id: ledger.accountId,
        cancel_result: open ? 0 : -1,
        order_id: orderId,
        order_sysid: order?.sysId ?? '',
        seq,
        error_msg: open ? '' : 'order not cancellable',
      },
    });
    if (!open) {
      this.emit({
        callback: 'on_cancel_error',
        data: {
          account_type: ledger.accountType,
          account_id: ledger.accountId,
          order_id: orderId,
          market: order?.symbol.endsWith('.SH') === true ? 0 : 1,
          order_sysid: order?.sysId ?? '',
          error_id: -1,
          error_msg: order === undefined ? '委托不存在' : '委托已完成，不能撤单',
        },
      });
      return Promise.resolve(seq);
    }
    order.status =
      order.traded > 0 ? XtOrderStatus.ORDER_PARTSUCC_CANCEL : XtOrderStatus.ORDER_REPORTED_CANCEL;
    this.emitOrder(order);
    this.releaseRemainder(order);
    order.status =
      order.traded > 0 ? XtOrderStatus.ORDER_PART_CANCEL : XtOrderStatus.ORDER_CANCELED;
    this.emitOrder(order);
    this.emitAsset(order.account);
    return Promise.resolve(seq);
  }

  /** Moves the quote and fills resting orders it crosses. */
  setQuote(symbol: string, last: number, bid?: number, ask?: number): void {
    this.quotes.setQuote(symbol, {
      last: priceOrThrow(last, symbol),
      ...(bid === undefined ? {} : { bid: priceOrThrow(bid, symbol) }),
      ...(ask === undefined ? {} : { ask: priceOrThrow(ask, symbol) }),
    });
    for (const order of this.orders.values()) {
      if (order.symbol === symbol && order.status === XtOrderStatus.ORDER_REPORTED) {
        this.match(order);
      }
    }
  }

  queryStockOrders(account: XtAccountRef, cancelableOnly = false): Promise<XtOrder[]> {
    const orders = [...this.orders.values()]
      .filter((o) => o.account.accountId === account.account_id)
      .filter(
        (o) =>
          !cancelableOnly ||
          o.status === XtOrderStatus.ORDER_REPORTED ||
          o.status === XtOrderStatus.ORDER_PART_SUCC,
      )
      .map((o) => this.xtOrder(o));
    return Promise.resolve(orders);
  }

  queryStockTrades(account: XtAccountRef): Promise<XtTrade[]> {
    return Promise.resolve(this.trades.filter((t) => t.account_id === account.account_id));
  }

  queryStockAsset(account: XtAccountRef): Promise<XtAsset | null> {
    const ledger = this.ledgers.get(account.account_id);
    return Promise.resolve(ledger === undefined ? null : this.xtAsset(ledger));
  }

  queryStockPositions(account: XtAccountRef): Promise<XtPosition[]> {
    const ledger = this.ledgers.get(account.account_id);
    if (ledger === undefined) {
      return Promise.resolve([]);
    }
    return Promise.resolve(
      [...ledger.positions.keys()].map((symbol) => this.xtPosition(ledger, symbol)),
    );
  }

  private admit(order: SimOrder): { code: number; text: string } | null {
    const quote = this.quotes.quote(order.symbol);
    if (quote === undefined) {
      return { code: 200001, text: '证券代码不存在' };
    }
    if (order.volume <= 0) {
      return { code: 200002, text: '委托数量错误' };
    }
    if (order.priceType === XtPriceType.FIX_PRICE && order.limit === null) {
      return { code: 200003, text: '委托价格错误' };
    }
    if (order.side === 'BUY') {
      const perShare = asMoney(BigInt(order.limit ?? quote.ask));
      if (!order.account.freezeCash(asMoney(perShare * BigInt(order.volume)))) {
        return { code: 260200, text: '可用资金不足' };
      }
      order.frozenPerShare = perShare;
      return null;
    }
    return order.account.freezeShares(order.symbol, order.volume)
      ? null
      : { code: 260300, text: '可用股份不足' };
  }

  private reject(order: SimOrder, code: number, text: string): void {
    order.status = XtOrderStatus.ORDER_JUNK;
    order.sysId = `xt${order.orderId}`;
    order.statusMsg = `[COUNTER][${code}][${text}]`;
    this.emitOrder(order);
    this.emit({
      callback: 'on_order_error',
      data: {
        account_type: order.account.accountType,
        account_id: order.account.accountId,
        order_id: order.orderId,
        error_id: -61,
        error_msg: `${order.side === 'BUY' ? '限价买入' : '限价卖出'} [${order.symbol}] [COUNTER] [${code}][${text}]`,
        strategy_name: order.strategyName,
        order_remark: order.remark,
      },
    });
  }

  private match(order: SimOrder): void {
    const quote = this.quotes.quote(order.symbol);
    if (quote === undefined) {
      return;
    }
    const price =
      order.priceType === XtPriceType.LATEST_PRICE
        ? quote.last
        : order.side === 'BUY'
          ? quote.ask
          : quote.bid;
    const marketable =
      order.limit === null ||
      (order.side === 'BUY' ? order.limit >= quote.ask : order.limit <= quote.bid);
    if (!marketable) {
      return;
    }
    const volume = Math.min(order.volume - order.traded, quote.depth);
    if (volume <= 0) {
      return;
    }
    this.fill(order, volume, price);
  }

  private fill(order: SimOrder, volume: number, price: Price): void {
    order.traded += volume;
    order.tradedNotional += BigInt(price) * BigInt(volume);
    if (order.side === 'BUY') {
      order.account.buyFilled(order.symbol, volume, price, order.frozenPerShare);
    } else {
      order.account.sellFilled(order.symbol, volume, price);
    }
    const trade: XtTrade = {
      account_type: order.account.accountType,
      account_id: order.account.accountId,
      stock_code: order.symbol,
      order_type: order.orderType,
      traded_id: `T${this.nextTradeId++}`,
      traded_time: Math.floor(this.config.now().getTime() / 1000),
      traded_price: priceToYuan(price),
      traded_volume: volume,
      traded_amount: priceToYuan(price) * volume,
      order_id: order.orderId,
      order_sysid: order.sysId,
      strategy_name: order.strategyName,
      order_remark: order.remark,
      direction: 48,
      offset_flag: order.side === 'BUY' ? 48 : 49,
      commission: 0,
      instrument_name: this.quotes.instrument(order.symbol)?.name ?? '',
    };
    this.trades.push(trade);
    this.emit({ callback: 'on_stock_trade', data: trade });
    order.status =
      order.traded >= order.volume ? XtOrderStatus.ORDER_SUCCEEDED : XtOrderStatus.ORDER_PART_SUCC;
    this.emitOrder(order);
    this.emit({
      callback: 'on_stock_position',
      data: this.xtPosition(order.account, order.symbol),
    });
    this.emitAsset(order.account);
  }

  private releaseRemainder(order: SimOrder): void {
    const remaining = order.volume - order.traded;
    if (order.side === 'BUY') {
      order.account.releaseCash(asMoney(order.frozenPerShare * BigInt(remaining)));
    } else {
      order.account.releaseShares(order.symbol, remaining);
    }
  }

  private xtOrder(order: SimOrder): XtOrder {
    const avg = order.traded > 0 ? Number(order.tradedNotional / BigInt(order.traded)) : 0;
    return {
      account_type: order.account.accountType,
      account_id: order.account.accountId,
      stock_code: order.symbol,
      order_id: order.orderId,
      order_sysid: order.sysId,
      order_time: order.time,
      order_type: order.orderType,
      order_volume: order.volume,
      // The broker echoes its own price-type enum (xtquant-api §5.11): 50 limit, 49 market.
      price_type: order.limit === null ? XtBrokerPriceType.MARKET : XtBrokerPriceType.LIMIT,
      price: order.limit === null ? 0 : priceToYuan(order.limit),
      traded_volume: order.traded,
      traded_price: avg === 0 ? 0 : priceToYuan(avg as Price),
      order_status: order.status,
      status_msg: order.statusMsg,
      strategy_name: order.strategyName,
      order_remark: order.remark,
      direction: 48,
      offset_flag: order.side === 'BUY' ? 48 : 49,
      instrument_name: this.quotes.instrument(order.symbol)?.name ?? '',
    };
  }

  private xtPosition(ledger: SimLedger, symbol: string): XtPosition {
    const position = ledger.position(symbol);
    const last = this.quotes.quote(symbol)?.last ?? (0 as Price);
    const avg = position.volume > 0 ? Number(position.cost / BigInt(position.volume)) : 0;
    return {
      account_type: ledger.accountType,
      account_id: ledger.accountId,
      stock_code: symbol,
      volume: position.volume,
      can_use_volume: position.canUse,
      open_price: priceToYuan(avg as Price),
      market_value: priceToYuan(last) * position.volume,
      frozen_volume: position.frozen,
      on_road_volume: 0,
      yesterday_volume: position.yesterday,
      avg_price: priceToYuan(avg as Price),
      direction: 48,
      last_price: priceToYuan(last),
    };
  }

  private xtAsset(ledger: SimLedger): XtAsset {
    const marketValue = ledger.marketValue((s) => this.quotes.quote(s)?.last);
    const toYuan = (m: bigint): number => Number(m) / 10_000;
    return {
      account_type: ledger.accountType,
      account_id: ledger.accountId,
      cash: toYuan(ledger.cash),
      frozen_cash: toYuan(ledger.frozenCash),
      market_value: toYuan(marketValue),
      total_asset: toYuan(ledger.cash + ledger.frozenCash + marketValue),
    };
  }

  private emitOrder(order: SimOrder): void {
    this.emit({ callback: 'on_stock_order', data: this.xtOrder(order) });
  }

  private emitAsset(ledger: SimLedger): void {
    this.emit({ callback: 'on_stock_asset', data: this.xtAsset(ledger) });
  }

  /** Queues a callback; one pump delivers them serially, like xtquant's single worker thread. */
  private emit(callback: XtCallback): void {
    this.outbox.push(callback);
    if (!this.pumping) {
      this.pumping = true;
      setTimeout(() => void this.pump(), this.config.latencyMs ?? 0);
    }
  }

  private async pump(): Promise<void> {
    while (this.outbox.length > 0) {
      const next = this.outbox.shift();
      if (next === undefined) {
        break;
      }
      for (const listener of this.listeners) {
        try {
          listener(next);
        } catch {
          // xtquant swallows exceptions raised in callbacks (§3.5); so does the sim.
        }
      }
      const latency = this.config.latencyMs ?? 0;
      if (latency > 0 && this.outbox.length > 0) {
        await new Promise((resolve) => setTimeout(resolve, latency));
      }
    }
    this.pumping = false;
  }
}

function priceOrThrow(yuan: number, symbol: string): Price {
  const price = parsePrice(yuan);
  if (price === null) {
    throw new Error(`sim price ${yuan} of ${symbol} is not a price`);
  }
  return price;
}
