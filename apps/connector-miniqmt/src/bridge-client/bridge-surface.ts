import type { XtAccountStatus, XtOrder, XtPosition } from '@qmt/domain';
import {
  MiniQmtSession,
  type XtAccountRef,
  type XtBarRequest,
} from '../session/mini-qmt-session.port.js';
import {
  SessionCapability,
  type SessionCapabilityName,
  type XtAccountInfo,
  type XtBar,
  type XtCreditAssure,
  type XtCreditDetail,
  type XtCreditSloCode,
  type XtCreditSubject,
  type XtInstrumentDetail,
  type XtIpoInfo,
  type XtPositionStatistics,
  type XtSmartAlgoTask,
  type XtStkCompact,
  type XtTick,
  type XtTransferResult,
} from '../session/xt-records.js';
import { BridgeError } from './bridge-error.js';
import type { BridgeQuote } from './bridge-protocol.js';

/** Which trader or xtdata method proves a capability on the bridge's build. */
const CAPABILITY_PROBES: readonly (readonly [SessionCapabilityName, string])[] = [
  [SessionCapability.CREDIT, 'query_credit_detail'],
  [SessionCapability.FUTURES, 'query_position_statistics'],
  [SessionCapability.IPO, 'query_ipo_data'],
  [SessionCapability.BANK_TRANSFER, 'bank_transfer_in'],
  [SessionCapability.FUND_TRANSFER, 'fund_transfer'],
  [SessionCapability.SECURITIES_LENDING, 'smt_query_quoter'],
  [SessionCapability.SMART_ALGO, 'smart_algo_order_async'],
  [SessionCapability.MARKET_DATA, 'xtdata.get_full_tick'],
];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** xttrader answers None for "failed or empty"; the port answers []. */
export function listOf<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value.filter(isRecord) as unknown as T[]) : [];
}

function recordOrNull<T>(value: unknown): T | null {
  return isRecord(value) ? (value as unknown as T) : null;
}

/** A sync transfer's `(success, msg)` tuple arrives as a JSON list. */
export function transferResultOf(value: unknown): XtTransferResult {
  if (Array.isArray(value) && typeof value[0] === 'boolean') {
    return { success: value[0], msg: typeof value[1] === 'string' ? value[1] : '' };
  }
  if (isRecord(value) && typeof value.success === 'boolean') {
    return { success: value.success, msg: typeof value.msg === 'string' ? value.msg : '' };
  }
  return { success: false, msg: `unexpected transfer answer ${JSON.stringify(value)}` };
}

/** Shanghai 'YYYYMMDD[hhmmss]' (a bar frame's index) → epoch ms. */
function epochMsOfIndex(index: unknown): number {
  const text = String(index);
  if (!/^\d{8}(\d{6})?$/.test(text)) {
    return Number(index);
  }
  const part = (from: number, to: number): number => Number(text.slice(from, to) || '0');
  return (
    Date.UTC(part(0, 4), part(4, 6) - 1, part(6, 8), part(8, 10), part(10, 12), part(12, 14)) -
    8 * 3_600_000
  );
}

/** get_market_data_ex's {code: frame (orient split)} → bars by code, oldest first. */
export function barsOfFrames(value: unknown): Record<string, XtBar[]> {
  const bars: Record<string, XtBar[]> = {};
  if (!isRecord(value)) {
    return bars;
  }
  for (const [code, frame] of Object.entries(value)) {
    if (!isRecord(frame) || !Array.isArray(frame.columns) || !Array.isArray(frame.data)) {
      continue;
    }
    const columns = frame.columns.map(String);
    const index = Array.isArray(frame.index) ? frame.index : [];
    bars[code] = frame.data.filter(Array.isArray).map((row: unknown[], i) => {
      const fields = Object.fromEntries(columns.map((c, j) => [c, row[j]]));
      const number = (name: string): number =>
        typeof fields[name] === 'number' ? fields[name] : 0;
      return {
        ...fields,
        time: typeof fields.time === 'number' ? fields.time : epochMsOfIndex(index[i]),
        open: number('open'),
        high: number('high'),
        low: number('low'),
        close: number('close'),
        volume: number('volume'),
        amount: number('amount'),
      };
    });
  }
  return bars;
}

/**
 * The xttrader and xtdata surface beyond the order path, over the bridge's generic call (the
 * bridge whitelists each method and turns {account_id, account_type} into a StockAccount).
 * Methods the bridge's build lacks answer as miniQMT would without them: -1, [] or {}.
 */
export abstract class BridgeSurface extends MiniQmtSession {
  private readonly tickListeners = new Map<number, (tick: XtTick) => void>();

  abstract call(
    method: string,
    args?: readonly unknown[],
    kwargs?: Readonly<Record<string, unknown>>,
  ): Promise<unknown>;
  protected abstract buildMethods(): {
    readonly trader: readonly string[];
    readonly xtdata: readonly string[];
  };
  protected abstract subscribedAccountTypes(): readonly number[];
  /** -1 when the request never reached miniQMT, the number it answered otherwise. */
  protected abstract numberOf(method: string, args: readonly unknown[]): Promise<number>;

  capabilities(): readonly SessionCapabilityName[] {
    const methods = this.buildMethods();
    const offered = new Set([...methods.trader, ...methods.xtdata.map((m) => `xtdata.${m}`)]);
    const found = CAPABILITY_PROBES.filter(([, method]) => offered.has(method)).map(([c]) => c);
    return this.subscribedAccountTypes().includes(6)
      ? [...found, SessionCapability.STOCK_OPTIONS]
      : found;
  }

  protected deliverQuote(quote: BridgeQuote): void {
    const listener = quote.sub_id === null ? undefined : this.tickListeners.get(quote.sub_id);
    if (listener === undefined) {
      return;
    }
    for (const value of Object.values(quote.data)) {
      for (const tick of Array.isArray(value) ? value : [value]) {
        if (isRecord(tick)) {
          try {
            listener(tick as unknown as XtTick);
          } catch {
            // A quote listener's failure is its own.
          }
        }
      }
    }
  }

  unsubscribe(account: XtAccountRef): Promise<number> {
    return this.numberOf('unsubscribe', [ref(account)]);
  }

  orderStock(...args: Parameters<MiniQmtSession['orderStock']>): Promise<number> {
    const [account, ...rest] = args;
    return this.numberOf('order_stock', [ref(account), ...rest]);
  }

  cancelOrderStock(account: XtAccountRef, orderId: number): Promise<number> {
    return this.numberOf('cancel_order_stock', [ref(account), orderId]);
  }

  cancelOrderStockSysid(
    account: XtAccountRef,
    market: number | string,
    sysid: string,
  ): Promise<number> {
    return this.numberOf('cancel_order_stock_sysid', [ref(account), market, sysid]);
  }

  cancelOrderStockSysidAsync(
    account: XtAccountRef,
    market: number | string,
    sysid: string,
  ): Promise<number> {
    return this.numberOf('cancel_order_stock_sysid_async', [ref(account), market, sysid]);
  }

  smartAlgoOrderAsync(...args: Parameters<MiniQmtSession['smartAlgoOrderAsync']>): Promise<number> {
    if (!this.capabilities().includes(SessionCapability.SMART_ALGO)) {
      return Promise.resolve(-1);
    }
    const [account, ...rest] = args;
    return this.numberOf('smart_algo_order_async', [ref(account), ...rest]);
  }

  cancelSmartAlgoTaskAsync(account: XtAccountRef, taskId: string): Promise<number> {
    if (!this.capabilities().includes(SessionCapability.SMART_ALGO)) {
      return Promise.resolve(-1);
    }
    return this.numberOf('cancel_smart_algo_task_async', [ref(account), taskId]);
  }

  async queryAccountInfos(): Promise<XtAccountInfo[]> {
    return listOf(await this.call('query_account_infos'));
  }

  async queryAccountStatus(): Promise<XtAccountStatus[]> {
    return listOf(await this.call('query_account_status'));
  }

  async queryStockOrder(account: XtAccountRef, orderId: number): Promise<XtOrder | null> {
    return recordOrNull(await this.call('query_stock_order', [ref(account), orderId]));
  }

  async queryStockPosition(account: XtAccountRef, stockCode: string): Promise<XtPosition | null> {
    return recordOrNull(await this.call('query_stock_position', [ref(account), stockCode]));
  }

  queryPositionStatistics(account: XtAccountRef): Promise<XtPositionStatistics[]> {
    return this.optionalList('query_position_statistics', account);
  }

  queryCreditDetail(account: XtAccountRef): Promise<XtCreditDetail[]> {
    return this.optionalList('query_credit_detail', account);
  }

  queryStkCompacts(account: XtAccountRef): Promise<XtStkCompact[]> {
    return this.optionalList('query_stk_compacts', account);
  }

  queryCreditSubjects(account: XtAccountRef): Promise<XtCreditSubject[]> {
    return this.optionalList('query_credit_subjects', account);
  }

  queryCreditSloCode(account: XtAccountRef): Promise<XtCreditSloCode[]> {
    return this.optionalList('query_credit_slo_code', account);
  }

  queryCreditAssure(account: XtAccountRef): Promise<XtCreditAssure[]> {
    return this.optionalList('query_credit_assure', account);
  }

  async queryNewPurchaseLimit(account: XtAccountRef): Promise<Record<string, number>> {
    const answer = await this.optional('query_new_purchase_limit', [ref(account)]);
    return isRecord(answer) ? (answer as Record<string, number>) : {};
  }

  async queryIpoData(): Promise<Record<string, XtIpoInfo>> {
    const answer = await this.optional('query_ipo_data', []);
    return isRecord(answer) ? (answer as unknown as Record<string, XtIpoInfo>) : {};
  }

  querySmartAlgoTask(account: XtAccountRef): Promise<XtSmartAlgoTask[]> {
    return this.optionalList('query_smart_algo_task', account);
  }

  smtQueryQuoter(account: XtAccountRef): Promise<Record<string, unknown>[]> {
    return this.optionalList('smt_query_quoter', account);
  }

  async bankTransferIn(
    account: XtAccountRef,
    bankNo: string,
    bankAccount: string,
    balance: number,
    bankPwd = '',
    fundPwd = '',
  ): Promise<XtTransferResult> {
    return transferResultOf(
      await this.call('bank_transfer_in', [
        ref(account),
        bankNo,
        bankAccount,
        balance,
        bankPwd,
        fundPwd,
      ]),
    );
  }

  async bankTransferOut(
    account: XtAccountRef,
    bankNo: string,
    bankAccount: string,
    balance: number,
    bankPwd = '',
    fundPwd = '',
  ): Promise<XtTransferResult> {
    return transferResultOf(
      await this.call('bank_transfer_out', [
        ref(account),
        bankNo,
        bankAccount,
        balance,
        bankPwd,
        fundPwd,
      ]),
    );
  }

  async fundTransfer(
    account: XtAccountRef,
    transferDirection: number,
    amount: number,
  ): Promise<XtTransferResult> {
    return transferResultOf(
      await this.call('fund_transfer', [ref(account), transferDirection, amount]),
    );
  }

  async subscribeQuote(stockCode: string, listener: (tick: XtTick) => void): Promise<number> {
    const id = await this.call('xtdata.subscribe_quote', [stockCode], { period: 'tick' });
    if (typeof id !== 'number' || id <= 0) {
      return -1;
    }
    this.tickListeners.set(id, listener);
    return id;
  }

  async unsubscribeQuote(subscriptionId: number): Promise<void> {
    this.tickListeners.delete(subscriptionId);
    await this.call('xtdata.unsubscribe_quote', [subscriptionId]);
  }

  async getFullTick(codes: readonly string[]): Promise<Record<string, XtTick>> {
    const answer = await this.call('xtdata.get_full_tick', [codes]);
    return isRecord(answer) ? (answer as unknown as Record<string, XtTick>) : {};
  }

  async getInstrumentDetail(stockCode: string): Promise<XtInstrumentDetail | null> {
    return recordOrNull(await this.call('xtdata.get_instrument_detail', [stockCode]));
  }

  async getMarketData(
    codes: readonly string[],
    request: XtBarRequest,
  ): Promise<Record<string, XtBar[]>> {
    return barsOfFrames(
      await this.call('xtdata.get_market_data_ex', [[], codes], {
        period: request.period,
        start_time: request.startTime ?? '',
        end_time: request.endTime ?? '',
        count: request.count ?? -1,
      }),
    );
  }

  async getTradingCalendar(market: string, startTime: string, endTime: string): Promise<string[]> {
    const answer = await this.call('xtdata.get_trading_calendar', [market, startTime, endTime]);
    return Array.isArray(answer) ? answer.map(String) : [];
  }

  private async optional(method: string, args: readonly unknown[]): Promise<unknown> {
    try {
      return await this.call(method, args);
    } catch (error) {
      // A build without the method answers like a terminal without the feature.
      if (error instanceof BridgeError && error.code === 'UNSUPPORTED') {
        return null;
      }
      throw error;
    }
  }

  private async optionalList<T>(method: string, account: XtAccountRef): Promise<T[]> {
    return listOf<T>(await this.optional(method, [ref(account)]));
  }
}

export function ref(account: XtAccountRef): XtAccountRef {
  // Exactly these two keys: the bridge turns such an argument into a StockAccount.
  return { account_id: account.account_id, account_type: account.account_type };
}
