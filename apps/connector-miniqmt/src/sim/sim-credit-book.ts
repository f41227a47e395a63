import {
  XtDirection,
  XtOffsetFlag,
  XtOrderType,
  asMoney,
  type Money,
  type Price,
  type XtAsset,
} from '@qmt/domain';
import type {
  XtCreditAssure,
  XtCreditDetail,
  XtCreditSloCode,
  XtCreditSubject,
  XtStkCompact,
} from '../session/xt-records.js';
import {
  assureViews,
  compactViews,
  isMarginable,
  sloCodeViews,
  subjectViews,
} from './sim-credit-views.js';
import type { SimInstrument } from './sim-quote-book.js';
import type { BookFill, BookOrder, MarkOf, Refusal } from './sim-book.js';
import {
  NO_CASH,
  NO_SHARES,
  NOT_THIS_ACCOUNT,
  StockBook,
  amountOf,
  yuan,
  type StockBookState,
} from './sim-stock-book.js';

export interface SimCompact {
  compactId: string;
  /** 0 financing (融资), 1 securities loan (融券). */
  compactType: 0 | 1;
  symbol: string;
  openDate: number;
  volume: number;
  openVolume: number;
  balance: Money;
  openBalance: Money;
}

export interface CreditBookState extends StockBookState {
  finMaxQuota: Money;
  /** Financing line in use: debt plus working financing orders. */
  finUsedQuota: Money;
  finDebt: Money;
  sloMaxQuota: Money;
  sloUsedQuota: Money;
  /** Borrowed shares owed, by code. */
  sloDebt: Record<string, number>;
  /** Short-sale proceeds, held by the broker until the loan is repaid. */
  sloSellBalance: Money;
  /** Shares the broker can lend, by code (可融券). */
  sloInventory: Record<string, number>;
  compacts: SimCompact[];
  nextCompact: number;
}

const NO_FIN_QUOTA: Refusal = { code: 270100, text: '融资可用额度不足' };
const NO_SLO_QUOTA: Refusal = { code: 270200, text: '融券可用额度不足' };
const NO_SLO_SOURCE: Refusal = { code: 270210, text: '可融券数量不足' };
const NO_DEBT: Refusal = { code: 270300, text: '无对应负债合约' };

/** Margin and collateral ratios of the sim counter (every stock and fund is a subject). */
const FIN_RATIO = 1.0;
const SLO_RATIO = 1.0;
const ASSURE_RATIO = 0.7;
const DEFAULT_LENDABLE = 1_000_000;

/** 40–45 are the special-position twins of 27–32 and draw on the same lines in the sim. */
const BASE_TYPE: Readonly<Record<number, number>> = {
  [XtOrderType.CREDIT_FIN_BUY_SPECIAL]: XtOrderType.CREDIT_FIN_BUY,
  [XtOrderType.CREDIT_SLO_SELL_SPECIAL]: XtOrderType.CREDIT_SLO_SELL,
  [XtOrderType.CREDIT_BUY_SECU_REPAY_SPECIAL]: XtOrderType.CREDIT_BUY_SECU_REPAY,
  [XtOrderType.CREDIT_DIRECT_SECU_REPAY_SPECIAL]: XtOrderType.CREDIT_DIRECT_SECU_REPAY,
  [XtOrderType.CREDIT_SELL_SECU_REPAY_SPECIAL]: XtOrderType.CREDIT_SELL_SECU_REPAY,
  [XtOrderType.CREDIT_DIRECT_CASH_REPAY_SPECIAL]: XtOrderType.CREDIT_DIRECT_CASH_REPAY,
};
const baseType = (orderType: number): number => BASE_TYPE[orderType] ?? orderType;

/**
 * A margin account (CREDIT, 3): collateral buy/sell (23/24), financing buy (27), short sale (28),
 * buy to repay shares (29), direct share return (30), sell to repay cash (31), direct cash
 * repayment (32; `order_volume` is the yuan amount, as xttrader's m_dOrderAmount), and the
 * special twins 40–45. Financing and short sales open compacts and use quota lines.
 */
export class CreditBook extends StockBook {
  constructor(private readonly c: CreditBookState) {
    super(c);
  }

  static openCredit(
    accountId: string,
    accountType: number,
    cash: Money,
    holdings: readonly { symbol: string; volume: number; cost?: Money }[],
  ): CreditBookState {
    return {
      ...StockBook.open(accountId, accountType, cash, holdings),
      finMaxQuota: cash,
      finUsedQuota: asMoney(0n),
      finDebt: asMoney(0n),
      sloMaxQuota: cash,
      sloUsedQuota: asMoney(0n),
      sloDebt: {},
      sloSellBalance: asMoney(0n),
      sloInventory: {},
      compacts: [],
      nextCompact: 1,
    };
  }

  override state(): CreditBookState {
    return this.c;
  }

  override admit(order: BookOrder, reference: Price, instrument: SimInstrument): Refusal | null {
    const amount = amountOf(reference, order.volume);
    switch (baseType(order.orderType)) {
      case XtOrderType.STOCK_BUY:
        return super.freezeCash(order, reference);
      case XtOrderType.STOCK_SELL:
      case XtOrderType.CREDIT_SELL_SECU_REPAY:
        return super.freezeShares(order.symbol, order.volume);
      case XtOrderType.CREDIT_FIN_BUY:
        if (this.c.finUsedQuota + amount > this.c.finMaxQuota) {
          return NO_FIN_QUOTA;
        }
        this.c.finUsedQuota = asMoney(this.c.finUsedQuota + amount);
        order.reservePerUnit = asMoney(BigInt(reference));
        return null;
      case XtOrderType.CREDIT_SLO_SELL:
        if (this.lendable(instrument.symbol) < order.volume) {
          return NO_SLO_SOURCE;
        }
        if (this.c.sloUsedQuota + amount > this.c.sloMaxQuota) {
          return NO_SLO_QUOTA;
        }
        this.c.sloUsedQuota = asMoney(this.c.sloUsedQuota + amount);
        this.c.sloInventory[order.symbol] = this.lendable(order.symbol) - order.volume;
        order.reservePerUnit = asMoney(BigInt(reference));
        return null;
      case XtOrderType.CREDIT_BUY_SECU_REPAY: {
        if ((this.c.sloDebt[order.symbol] ?? 0) <= 0) {
          return NO_DEBT;
        }
        // Short-sale proceeds pay first: the broker releases them to this purchase.
        const fromProceeds = amount < this.c.sloSellBalance ? amount : this.c.sloSellBalance;
        if (amount - fromProceeds > this.c.cash) {
          return NO_CASH;
        }
        this.c.sloSellBalance = asMoney(this.c.sloSellBalance - fromProceeds);
        this.c.cash = asMoney(this.c.cash + fromProceeds);
        return super.freezeCash(order, reference);
      }
      case XtOrderType.CREDIT_DIRECT_SECU_REPAY: {
        const owed = this.c.sloDebt[order.symbol] ?? 0;
        if (owed < order.volume) {
          return NO_DEBT;
        }
        return super.freezeShares(order.symbol, order.volume);
      }
      case XtOrderType.CREDIT_DIRECT_CASH_REPAY: {
        const repay = asMoney(BigInt(order.volume) * 10_000n);
        if (this.c.finDebt < repay) {
          return NO_DEBT;
        }
        if (repay > this.c.cash) {
          return NO_CASH;
        }
        return null;
      }
      default:
        return NOT_THIS_ACCOUNT;
    }
  }

  override completesAtCounter(order: BookOrder): boolean {
    const type = baseType(order.orderType);
    return (
      type === XtOrderType.CREDIT_DIRECT_SECU_REPAY || type === XtOrderType.CREDIT_DIRECT_CASH_REPAY
    );
  }

  override fill(
    order: BookOrder,
    volume: number,
    price: Price,
    instrument: SimInstrument,
  ): BookFill[] {
    const long = XtDirection.DIRECTION_FLAG_LONG;
    const open = [{ volume, direction: long, offsetFlag: XtOffsetFlag.OFFSET_FLAG_OPEN }];
    const close = [{ volume, direction: long, offsetFlag: XtOffsetFlag.OFFSET_FLAG_CLOSE }];
    const cost = amountOf(price, volume);
    switch (baseType(order.orderType)) {
      case XtOrderType.CREDIT_FIN_BUY: {
        // The line was reserved at the reference price; the debt is what the fill cost.
        const reserved = asMoney(order.reservePerUnit * BigInt(volume));
        this.c.finUsedQuota = asMoney(this.c.finUsedQuota - reserved + cost);
        this.c.finDebt = asMoney(this.c.finDebt + cost);
        this.addShares(order.symbol, volume, cost, false);
        this.compact(order, 0, volume, cost);
        return open;
      }
      case XtOrderType.CREDIT_SLO_SELL: {
        const reserved = asMoney(order.reservePerUnit * BigInt(volume));
        this.c.sloUsedQuota = asMoney(this.c.sloUsedQuota - reserved + cost);
        this.c.sloDebt[order.symbol] = (this.c.sloDebt[order.symbol] ?? 0) + volume;
        this.c.sloSellBalance = asMoney(this.c.sloSellBalance + cost);
        this.compact(order, 1, volume, cost);
        return [
          {
            volume,
            direction: XtDirection.DIRECTION_FLAG_SHORT,
            offsetFlag: XtOffsetFlag.OFFSET_FLAG_OPEN,
          },
        ];
      }
      case XtOrderType.CREDIT_BUY_SECU_REPAY: {
        this.bought(order, volume, price, false);
        const repaid = this.repayShares(order.symbol, volume);
        this.removeShares(order.symbol, repaid);
        return [
          {
            volume,
            direction: XtDirection.DIRECTION_FLAG_SHORT,
            offsetFlag: XtOffsetFlag.OFFSET_FLAG_CLOSE,
          },
        ];
      }
      case XtOrderType.CREDIT_DIRECT_SECU_REPAY:
        this.removeFrozenShares(order.symbol, volume);
        this.repayShares(order.symbol, volume);
        return close;
      case XtOrderType.CREDIT_SELL_SECU_REPAY: {
        const proceeds = this.sold(order.symbol, volume, price);
        this.repayCash(proceeds);
        return close;
      }
      case XtOrderType.CREDIT_DIRECT_CASH_REPAY:
        this.repayCash(asMoney(BigInt(volume) * 10_000n));
        return close;
      default:
        return super.fill(order, volume, price, instrument);
    }
  }

  override release(order: BookOrder, volume: number, instrument: SimInstrument): void {
    const reserved = asMoney(order.reservePerUnit * BigInt(volume));
    switch (baseType(order.orderType)) {
      case XtOrderType.CREDIT_FIN_BUY:
        this.c.finUsedQuota = asMoney(this.c.finUsedQuota - reserved);
        return;
      case XtOrderType.CREDIT_SLO_SELL:
        this.c.sloUsedQuota = asMoney(this.c.sloUsedQuota - reserved);
        this.c.sloInventory[order.symbol] = this.lendable(order.symbol) + volume;
        return;
      case XtOrderType.CREDIT_BUY_SECU_REPAY:
        this.unfreezeCash(reserved);
        return;
      case XtOrderType.CREDIT_DIRECT_CASH_REPAY:
        return;
      case XtOrderType.CREDIT_SELL_SECU_REPAY:
      case XtOrderType.CREDIT_DIRECT_SECU_REPAY:
        this.unfreezeShares(order.symbol, volume);
        return;
      default:
        super.release(order, volume, instrument);
    }
  }

  override asset(mark: MarkOf): XtAsset {
    const base = super.asset(mark);
    const proceeds = yuan(this.c.sloSellBalance);
    const debt = yuan(this.totalDebt(mark));
    return {
      ...base,
      total_asset: base.total_asset + proceeds,
      market_value: base.market_value,
      fetch_balance: Math.max(0, base.cash - debt),
    };
  }

  creditDetail(mark: MarkOf, nowSeconds: number): XtCreditDetail {
    const stockValue = this.marketValue(mark);
    const balance = this.c.cash + this.c.frozenCash + stockValue + this.c.sloSellBalance;
    const sloValue = this.sloMarketValue(mark);
    const totalDebt = this.totalDebt(mark);
    const collateral = (Number(stockValue) * ASSURE_RATIO) / 10_000 + yuan(this.c.cash);
    const bail = collateral - yuan(this.c.finDebt) * FIN_RATIO - yuan(sloValue) * SLO_RATIO;
    return {
      account_type: this.accountType,
      account_id: this.accountId,
      m_nStatus: 0,
      m_nUpdateTime: nowSeconds,
      m_dBalance: yuan(balance),
      m_dAvailable: yuan(this.c.cash),
      m_dFrozenCash: yuan(this.c.frozenCash),
      m_dMarketValue: yuan(stockValue),
      m_dStockValue: yuan(stockValue),
      m_dFetchBalance: Math.max(0, yuan(this.c.cash - totalDebt)),
      m_dTotalDebt: yuan(totalDebt),
      m_dEnableBailBalance: Math.max(0, bail),
      // No debt: the counter shows a sentinel ratio rather than infinity.
      m_dPerAssurescaleValue: totalDebt > 0n ? Number(balance) / Number(totalDebt) : 9999,
      m_dAssureAsset: yuan(balance - totalDebt),
      m_dFinDebt: yuan(this.c.finDebt),
      m_dFinDealAvl: yuan(this.c.finDebt),
      m_dFinFee: 0,
      m_dSloDebt: yuan(sloValue),
      m_dSloMarketValue: yuan(sloValue),
      m_dSloFee: 0,
      m_dFinMaxQuota: yuan(this.c.finMaxQuota),
      m_dFinEnableQuota: yuan(this.c.finMaxQuota - this.c.finUsedQuota),
      m_dFinUsedQuota: yuan(this.c.finUsedQuota),
      m_dSloMaxQuota: yuan(this.c.sloMaxQuota),
      m_dSloEnableQuota: yuan(this.c.sloMaxQuota - this.c.sloUsedQuota),
      m_dSloUsedQuota: yuan(this.c.sloUsedQuota),
      m_dSloSellBalance: yuan(this.c.sloSellBalance),
      m_dUsedSloSellBalance: 0,
      m_dSurplusSloSellBalance: yuan(this.c.sloSellBalance),
    };
  }

  compacts(): XtStkCompact[] {
    return compactViews(this.c);
  }

  subjects(instruments: readonly SimInstrument[]): XtCreditSubject[] {
    return subjectViews(this.c, instruments.filter(isMarginable), FIN_RATIO, SLO_RATIO);
  }

  sloCodes(instruments: readonly SimInstrument[]): XtCreditSloCode[] {
    return sloCodeViews(this.c, instruments.filter(isMarginable), (s) => this.lendable(s));
  }

  assure(instruments: readonly SimInstrument[]): XtCreditAssure[] {
    return assureViews(this.c, instruments.filter(isMarginable), ASSURE_RATIO);
  }

  private lendable(symbol: string): number {
    return this.c.sloInventory[symbol] ?? DEFAULT_LENDABLE;
  }

  private totalDebt(mark: MarkOf): Money {
    return asMoney(this.c.finDebt + this.sloMarketValue(mark));
  }

  private sloMarketValue(mark: MarkOf): Money {
    let total = 0n;
    for (const [symbol, volume] of Object.entries(this.c.sloDebt)) {
      total += BigInt(mark(symbol) ?? 0) * BigInt(volume);
    }
    return asMoney(total);
  }

  private compact(order: BookOrder, type: 0 | 1, volume: number, cost: Money): void {
    const id = `C${this.accountId}-${order.orderId}`;
    const existing = this.c.compacts.find((k) => k.compactId === id);
    if (existing !== undefined) {
      existing.volume += volume;
      existing.openVolume += volume;
      existing.balance = asMoney(existing.balance + cost);
      existing.openBalance = asMoney(existing.openBalance + cost);
      return;
    }
    this.c.compacts.push({
      compactId: id,
      compactType: type,
      symbol: order.symbol,
      openDate: 0,
      volume: type === 1 ? volume : 0,
      openVolume: type === 1 ? volume : 0,
      balance: cost,
      openBalance: cost,
    });
  }

  /** Repays borrowed shares oldest compact first; returns the shares that went to the loan. */
  private repayShares(symbol: string, volume: number): number {
    const owed = this.c.sloDebt[symbol] ?? 0;
    const repaid = Math.min(owed, volume);
    this.c.sloDebt[symbol] = owed - repaid;
    let left = repaid;
    for (const k of this.c.compacts.filter((c) => c.compactType === 1 && c.symbol === symbol)) {
      const part = Math.min(k.volume, left);
      const value = k.volume > 0 ? (k.balance * BigInt(part)) / BigInt(k.volume) : 0n;
      k.volume -= part;
      k.balance = asMoney(k.balance - value);
      this.c.sloUsedQuota = asMoney(this.c.sloUsedQuota - value);
      this.c.sloInventory[symbol] = this.lendable(symbol) + part;
      left -= part;
    }
    if (this.c.sloUsedQuota < 0n) {
      this.c.sloUsedQuota = asMoney(0n);
    }
    // A loan repaid in full frees what its sale brought in.
    if (
      (this.c.sloDebt[symbol] ?? 0) === 0 &&
      Object.values(this.c.sloDebt).every((v) => v === 0)
    ) {
      this.c.cash = asMoney(this.c.cash + this.c.sloSellBalance);
      this.c.sloSellBalance = asMoney(0n);
    }
    return repaid;
  }

  /** Cash goes to the financing debt first (oldest compact), the rest stays cash. */
  private repayCash(amount: Money): void {
    const repay = amount < this.c.finDebt ? amount : this.c.finDebt;
    this.c.finDebt = asMoney(this.c.finDebt - repay);
    this.c.finUsedQuota = asMoney(this.c.finUsedQuota - repay);
    this.c.cash = asMoney(this.c.cash - repay);
    let left: bigint = repay;
    for (const k of this.c.compacts.filter((c) => c.compactType === 0)) {
      const part = k.balance < left ? k.balance : left;
      k.balance = asMoney(k.balance - part);
      left -= part;
    }
  }

  private removeShares(symbol: string, volume: number): void {
    if (volume <= 0) {
      return;
    }
    const h = this.holding(symbol);
    const costOut = h.volume > 0 ? (h.cost * BigInt(volume)) / BigInt(h.volume) : 0n;
    h.volume -= volume;
    h.cost = asMoney(h.cost - costOut);
  }
}

export { NO_SHARES };
