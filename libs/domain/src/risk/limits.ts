// Scoped risk limits (ARCHITECTURE §4): global, account, strategy, strategy×account and symbol.
// Every scope that sets a limit applies and the tightest value wins; each field names what it
// measures (one order, the strategy's book in the account, or the account), never the scope.
import { moneyFromYuan, type Money } from '../money/index.js';

export const LIMIT_SCOPES = ['global', 'account', 'strategy', 'strategyAccount', 'symbol'] as const;
export type LimitScope = (typeof LIMIT_SCOPES)[number];

export const SelfTradePolicy = {
  /** Refuse the incoming order that would cross a resting order of the same account. */
  REJECT_INCOMING: 'REJECT_INCOMING',
  /** Let the incoming order through once the crossed resting orders are cancelled. */
  CANCEL_RESTING: 'CANCEL_RESTING',
} as const;
export type SelfTradePolicy = (typeof SelfTradePolicy)[keyof typeof SelfTradePolicy];

/** Caps a scope may set; absent means "this scope sets nothing". Ratios are basis points. */
export interface LimitSet {
  // One order.
  readonly maxOrderQuantity?: number;
  readonly maxOrderNotional?: Money;
  readonly maxPriceDeviationBps?: number;
  /** Identical orders closer together than this are duplicates; the widest window wins. */
  readonly duplicateWindowMs?: number;
  readonly selfTradePolicy?: SelfTradePolicy;
  // The strategy's book in the account.
  readonly maxPositionQuantity?: number;
  readonly maxPositionNotional?: Money;
  /** Position notional over the account's total asset. */
  readonly maxPositionShareBps?: number;
  readonly maxGrossExposure?: Money;
  readonly maxOpenOrders?: number;
  readonly maxOrdersPerSecond?: number;
  readonly maxDailyOrders?: number;
  readonly maxCancelsPerSecond?: number;
  readonly maxDailyCancels?: number;
  /** Cancels over orders today. */
  readonly maxCancelRatioBps?: number;
  /** The cancel ratio is judged only once the book has sent this many orders today. */
  readonly cancelRatioMinOrders?: number;
  /** Largest loss of the trading day, as a positive amount. */
  readonly maxDailyLoss?: Money;
  // The whole account.
  readonly maxAccountGrossExposure?: Money;
  readonly maxAccountOpenOrders?: number;
  readonly maxAccountDailyLoss?: Money;
  // One futures contract in the account (cn-market-rules §8).
  readonly maxFuturesDailyOpen?: number;
  readonly maxFuturesDailyCancels?: number;
  /** Symbols this scope may not trade at all (not on the symbol scope). */
  readonly restrictedSymbols?: ReadonlySet<string>;
  /** On the symbol scope only: nobody trades this symbol. */
  readonly restricted?: boolean;
}

/** The regulator's high-frequency thresholds per account (cn-market-rules §8). */
export interface ProgrammaticThresholds {
  readonly messagesPerSecond: number;
  readonly messagesPerDay: number;
}

export const PROGRAMMATIC_THRESHOLDS: ProgrammaticThresholds = {
  messagesPerSecond: 300,
  messagesPerDay: 20_000,
};

export interface RiskLimits {
  readonly global: LimitSet;
  readonly accounts: ReadonlyMap<string, LimitSet>;
  readonly strategies: ReadonlyMap<string, LimitSet>;
  /** Keyed by `strategyAccountKey(strategyId, accountId)`. */
  readonly strategyAccounts: ReadonlyMap<string, LimitSet>;
  readonly symbols: ReadonlyMap<string, LimitSet>;
  readonly programmaticTrading: ProgrammaticThresholds;
}

export function strategyAccountKey(strategyId: string, accountId: string): string {
  return `${strategyId}@${accountId}`;
}

/** A limit in force and the scope that set it (rejections name it). */
export interface Bound<T> {
  readonly value: T;
  readonly scope: LimitScope;
}

type CapField = Exclude<keyof LimitSet, 'restrictedSymbols' | 'restricted'>;

export type EffectiveLimits = {
  readonly [K in CapField]?: Bound<NonNullable<LimitSet[K]>>;
} & {
  /** The scope that restricts the symbol, or null when it is tradable. */
  readonly restrictedBy: LimitScope | null;
  readonly programmaticTrading: ProgrammaticThresholds;
};

type Value = number | bigint | string;

// Smaller is tighter except where a larger value refuses more.
const WIDER_IS_TIGHTER: ReadonlySet<CapField> = new Set(['duplicateWindowMs']);

function tighter(field: CapField, candidate: Value, current: Value): boolean {
  if (field === 'selfTradePolicy') {
    return candidate === SelfTradePolicy.REJECT_INCOMING && current !== candidate;
  }
  return WIDER_IS_TIGHTER.has(field) ? candidate > current : candidate < current;
}

const CAP_FIELDS: readonly CapField[] = [
  'maxOrderQuantity',
  'maxOrderNotional',
  'maxPriceDeviationBps',
  'duplicateWindowMs',
  'selfTradePolicy',
  'maxPositionQuantity',
  'maxPositionNotional',
  'maxPositionShareBps',
  'maxGrossExposure',
  'maxOpenOrders',
  'maxOrdersPerSecond',
  'maxDailyOrders',
  'maxCancelsPerSecond',
  'maxDailyCancels',
  'maxCancelRatioBps',
  'cancelRatioMinOrders',
  'maxDailyLoss',
  'maxAccountGrossExposure',
  'maxAccountOpenOrders',
  'maxAccountDailyLoss',
  'maxFuturesDailyOpen',
  'maxFuturesDailyCancels',
];

export interface LimitKey {
  readonly accountId: string;
  readonly strategyId: string;
  readonly symbol: string;
}

type Found = Partial<Record<CapField, Bound<Value>>>;

function mergeScope(found: Found, scope: LimitScope, set: LimitSet | undefined): void {
  if (set === undefined) {
    return;
  }
  for (const field of CAP_FIELDS) {
    const value = set[field];
    const current = found[field];
    if (value !== undefined && (current === undefined || tighter(field, value, current.value))) {
      found[field] = { value, scope };
    }
  }
}

function restricts(set: LimitSet | undefined, symbol: string): boolean {
  return (
    set !== undefined && (set.restricted === true || set.restrictedSymbols?.has(symbol) === true)
  );
}

interface PairLimits {
  /** Global, account, strategy and strategy×account merged; not restricted. */
  readonly limits: EffectiveLimits;
  readonly scoped: readonly (readonly [LimitScope, LimitSet | undefined])[];
}

// Every check needs the merge of the four scopes above the symbol, and they depend only on the
// (immutable) RiskLimits value and the strategy×account pair: merged once per pair and kept
// while that RiskLimits value lives, so a check usually allocates nothing here.
// Keyed account → strategy, so a check builds no key string.
const PAIRS = new WeakMap<RiskLimits, Map<string, Map<string, PairLimits>>>();

function pairLimits(limits: RiskLimits, key: LimitKey): PairLimits {
  let accounts = PAIRS.get(limits);
  if (accounts === undefined) {
    accounts = new Map();
    PAIRS.set(limits, accounts);
  }
  let pairs = accounts.get(key.accountId);
  if (pairs === undefined) {
    pairs = new Map();
    accounts.set(key.accountId, pairs);
  }
  let pair = pairs.get(key.strategyId);
  if (pair === undefined) {
    const scoped: readonly (readonly [LimitScope, LimitSet | undefined])[] = [
      ['global', limits.global],
      ['account', limits.accounts.get(key.accountId)],
      ['strategy', limits.strategies.get(key.strategyId)],
      [
        'strategyAccount',
        limits.strategyAccounts.get(strategyAccountKey(key.strategyId, key.accountId)),
      ],
    ];
    const found: Found = {};
    for (const [scope, set] of scoped) {
      mergeScope(found, scope, set);
    }
    // mergeScope copies each field's own type from LimitSet, so the record is an EffectiveLimits.
    const merged = {
      ...(found as EffectiveLimits),
      restrictedBy: null,
      programmaticTrading: limits.programmaticTrading,
    };
    pair = { limits: merged, scoped };
    pairs.set(key.strategyId, pair);
  }
  return pair;
}

/**
 * The limits that apply to one order of `strategyId` in `accountId` on `symbol`: for each field
 * the tightest value any applicable scope sets, with that scope; restricted when any scope lists
 * the symbol. Earlier scopes win ties, so a global limit is named before an equal account one.
 */
export function effectiveLimits(limits: RiskLimits, key: LimitKey): EffectiveLimits {
  const pair = pairLimits(limits, key);
  const symbolSet = limits.symbols.get(key.symbol);
  let restrictedBy: LimitScope | null = null;
  for (const [scope, set] of pair.scoped) {
    if (restricts(set, key.symbol)) {
      restrictedBy = scope;
      break;
    }
  }
  restrictedBy ??= restricts(symbolSet, key.symbol) ? 'symbol' : null;
  if (symbolSet === undefined && restrictedBy === null) {
    return pair.limits;
  }
  const found: Found = { ...pair.limits };
  mergeScope(found, 'symbol', symbolSet);
  return {
    ...(found as EffectiveLimits),
    restrictedBy,
    programmaticTrading: limits.programmaticTrading,
  };
}

/**
 * Sane limits for the sim desk (10 M CNY account, two strategies with 4 M budgets): fat-finger
 * caps per order, book caps well inside the budgets, the regulator's thresholds per account.
 */
export const DEFAULT_RISK_LIMITS: RiskLimits = {
  global: {
    maxOrderQuantity: 1_000_000,
    maxOrderNotional: moneyFromYuan(5_000_000),
    maxPriceDeviationBps: 1_000,
    duplicateWindowMs: 1_000,
    selfTradePolicy: SelfTradePolicy.REJECT_INCOMING,
    maxPositionNotional: moneyFromYuan(5_000_000),
    maxPositionShareBps: 5_000,
    maxOpenOrders: 500,
    maxOrdersPerSecond: 50,
    maxDailyOrders: 10_000,
    maxCancelsPerSecond: 50,
    maxDailyCancels: 10_000,
    maxCancelRatioBps: 9_000,
    cancelRatioMinOrders: 100,
    maxDailyLoss: moneyFromYuan(200_000),
    maxAccountGrossExposure: moneyFromYuan(20_000_000),
    maxAccountOpenOrders: 2_000,
    maxAccountDailyLoss: moneyFromYuan(500_000),
    maxFuturesDailyOpen: 500,
    // CFFEX treats 500 cancels a day on one contract as abnormal (§8).
    maxFuturesDailyCancels: 499,
  },
  accounts: new Map(),
  strategies: new Map(),
  strategyAccounts: new Map(),
  symbols: new Map(),
  programmaticTrading: PROGRAMMATIC_THRESHOLDS,
};
