// xttype records beyond the foundation's (xtquant-api §2.6–2.9, §4): credit, futures, IPO,
// transfers, smart algos and xtdata. Field names are xtquant's own, as the bridge sends them
// and the sim emits them; money is float yuan at this edge and becomes Money in normalize/.

export interface XtAccountInfo {
  readonly account_type: number;
  readonly account_id: string;
  readonly broker_type: number;
  readonly platform_id: number;
  readonly account_classification: number;
  readonly login_status: number;
}

/** XtPositionStatistics (futures accounts), the fields the gateway reads. */
export interface XtPositionStatistics {
  readonly account_id: string;
  readonly exchange_id: string;
  readonly exchange_name: string;
  readonly product_id: string;
  readonly instrument_id: string;
  readonly instrument_name: string;
  readonly direction: number;
  readonly hedge_flag: number;
  readonly position: number;
  readonly yesterday_position: number;
  readonly today_position: number;
  readonly can_close_vol: number;
  readonly position_cost: number;
  readonly avg_price: number;
  readonly position_profit: number;
  readonly float_profit: number;
  readonly open_price: number;
  readonly used_margin: number;
  readonly frozen_margin: number;
  readonly last_price: number;
  readonly instrument_value: number;
}

/** XtCreditDetail keeps the native m_ prefix (xtquant-api §2.7). */
export interface XtCreditDetail {
  readonly account_type: number;
  readonly account_id: string;
  readonly m_nStatus: number;
  readonly m_nUpdateTime: number;
  readonly m_dBalance: number;
  readonly m_dAvailable: number;
  readonly m_dFrozenCash: number;
  readonly m_dMarketValue: number;
  readonly m_dStockValue: number;
  readonly m_dFetchBalance: number;
  readonly m_dTotalDebt: number;
  readonly m_dEnableBailBalance: number;
  readonly m_dPerAssurescaleValue: number;
  readonly m_dAssureAsset: number;
  readonly m_dFinDebt: number;
  readonly m_dFinDealAvl: number;
  readonly m_dFinFee: number;
  readonly m_dSloDebt: number;
  readonly m_dSloMarketValue: number;
  readonly m_dSloFee: number;
  readonly m_dFinMaxQuota: number;
  readonly m_dFinEnableQuota: number;
  readonly m_dFinUsedQuota: number;
  readonly m_dSloMaxQuota: number;
  readonly m_dSloEnableQuota: number;
  readonly m_dSloUsedQuota: number;
  readonly m_dSloSellBalance: number;
  readonly m_dUsedSloSellBalance: number;
  readonly m_dSurplusSloSellBalance: number;
}

/** StkCompacts: one financing (compact_type 0) or securities-loan (1) liability. */
export interface XtStkCompact {
  readonly account_type: number;
  readonly account_id: string;
  readonly compact_type: number;
  readonly cashgroup_prop: number;
  readonly exchange_id: number;
  readonly open_date: number;
  readonly business_vol: number;
  readonly real_compact_vol: number;
  readonly ret_end_date: number;
  readonly business_balance: number;
  readonly businessFare: number;
  readonly real_compact_balance: number;
  readonly real_compact_fare: number;
  readonly repaid_fare: number;
  readonly repaid_balance: number;
  readonly instrument_id: string;
  readonly compact_id: string;
  readonly position_str: string;
}

export interface XtCreditSubject {
  readonly account_type: number;
  readonly account_id: string;
  readonly slo_status: number;
  readonly fin_status: number;
  readonly exchange_id: number;
  readonly slo_ratio: number;
  readonly fin_ratio: number;
  readonly instrument_id: string;
}

export interface XtCreditSloCode {
  readonly account_type: number;
  readonly account_id: string;
  readonly cashgroup_prop: number;
  readonly exchange_id: number;
  readonly enable_amount: number;
  readonly instrument_id: string;
}

export interface XtCreditAssure {
  readonly account_type: number;
  readonly account_id: string;
  readonly assure_status: number;
  readonly exchange_id: number;
  readonly assure_ratio: number;
  readonly instrument_id: string;
}

/** query_ipo_data: one subscription code of today. */
export interface XtIpoInfo {
  readonly name: string;
  readonly type: 'STOCK' | 'BOND';
  readonly maxPurchaseNum: number;
  readonly minPurchaseNum: number;
  readonly purchaseDate: string;
  readonly issuePrice: number;
}

/** What the sync transfers answer: `(success, msg)` as an object. */
export interface XtTransferResult {
  readonly success: boolean;
  readonly msg: string;
}

export interface XtSmartAlgoTask {
  readonly task_id: string;
  readonly task_status: number;
  readonly task_msg: string;
  readonly strategy_name: string;
  readonly order_remark: string;
  readonly [field: string]: unknown;
}

/** get_full_tick / subscribe_quote tick (xtquant-api §4.3): times epoch ms, stock volume in lots. */
export interface XtTick {
  readonly time: number;
  readonly lastPrice: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly lastClose: number;
  readonly amount: number;
  readonly volume: number;
  readonly pvolume: number;
  readonly stockStatus: number;
  readonly openInt: number;
  readonly askPrice: readonly number[];
  readonly bidPrice: readonly number[];
  readonly askVol: readonly number[];
  readonly bidVol: readonly number[];
  readonly [field: string]: unknown;
}

/** get_instrument_detail, the default field set the gateway reads. */
export interface XtInstrumentDetail {
  readonly ExchangeID: string;
  readonly InstrumentID: string;
  readonly InstrumentName: string;
  readonly PreClose: number;
  readonly UpStopPrice: number;
  readonly DownStopPrice: number;
  readonly PriceTick: number;
  readonly VolumeMultiple: number;
  readonly IsTrading: boolean;
  readonly [field: string]: unknown;
}

/** One K-line bar (get_market_data_ex row): time epoch ms, volume in the tick's unit. */
export interface XtBar {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly amount: number;
  readonly [field: string]: unknown;
}

/** What one session offers, so callers can ask before calling (a broker build may lack some). */
export const SessionCapability = {
  CREDIT: 'credit',
  FUTURES: 'futures',
  STOCK_OPTIONS: 'stock_options',
  IPO: 'ipo',
  BANK_TRANSFER: 'bank_transfer',
  FUND_TRANSFER: 'fund_transfer',
  SECURITIES_LENDING: 'securities_lending',
  SMART_ALGO: 'smart_algo',
  MARKET_DATA: 'market_data',
} as const;
export type SessionCapabilityName = (typeof SessionCapability)[keyof typeof SessionCapability];
