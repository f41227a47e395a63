import { z } from 'zod';
import {
  PROGRAMMATIC_THRESHOLDS,
  asMoney,
  formatMoney,
  moneyFromYuan,
  strategyAccountKey,
  type LimitSet,
  type Money,
  type RiskLimits,
} from '@qmt/domain';

// The body of `PUT /v1/risk/limits` (API.md, role `risk`) and the answer of GET: the whole limit
// document, replaced at once. Money in yuan, ratios as fractions of 1, counts as integers. Unknown
// fields, wrong types and impossible values (a negative cap, a ratio above 1) are refused with the
// field's path, and nothing changes.

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$/, 'letters, digits, - and _ only');
const symbol = z
  .string()
  .regex(/^[A-Za-z0-9]+\.[A-Z]+$/, 'a code with a market suffix, e.g. 600000.SH');
const count = z.number().int('a whole number').nonnegative('a cap cannot be negative');
const yuan = z
  .number()
  .nonnegative('a cap cannot be negative')
  .refine((v) => Number.isSafeInteger(Math.round(v * 10_000)) && isWhole(v * 10_000), {
    message: 'yuan with at most 4 decimals',
  });
const ratio = z
  .number()
  .min(0, 'a ratio cannot be negative')
  .max(1, 'a ratio cannot be above 1')
  .refine((v) => isWhole(v * 10_000), { message: 'a ratio in whole basis points (0.0001)' });

function isWhole(value: number): boolean {
  return Math.abs(value - Math.round(value)) < 1e-6;
}

const limitFields = {
  maxOrderQuantity: count.optional(),
  maxOrderNotional: yuan.optional(),
  maxPriceDeviation: ratio.optional(),
  duplicateWindowMs: count.optional(),
  selfTradePolicy: z.enum(['REJECT_INCOMING', 'CANCEL_RESTING']).optional(),
  maxPositionQuantity: count.optional(),
  maxPositionNotional: yuan.optional(),
  maxPositionShare: ratio.optional(),
  maxGrossExposure: yuan.optional(),
  maxOpenOrders: count.optional(),
  maxOrdersPerSecond: count.optional(),
  maxDailyOrders: count.optional(),
  maxCancelsPerSecond: count.optional(),
  maxDailyCancels: count.optional(),
  maxCancelRatio: ratio.optional(),
  cancelRatioMinOrders: count.optional(),
  maxDailyLoss: yuan.optional(),
  maxAccountGrossExposure: yuan.optional(),
  maxAccountOpenOrders: count.optional(),
  maxAccountDailyLoss: yuan.optional(),
  maxFuturesDailyOpen: count.optional(),
  maxFuturesDailyCancels: count.optional(),
};

const LimitSetSchema = z
  .object({ ...limitFields, restrictedSymbols: z.array(symbol).optional() })
  .strict();
const SymbolLimitSetSchema = z
  .object({ ...limitFields, restricted: z.boolean().optional() })
  .strict();

export const RiskLimitsSchema = z
  .object({
    global: LimitSetSchema.default({}),
    accounts: z.record(id, LimitSetSchema).default({}),
    strategies: z.record(id, LimitSetSchema).default({}),
    /** strategyId → accountId → limits. */
    strategyAccounts: z.record(id, z.record(id, LimitSetSchema)).default({}),
    symbols: z.record(symbol, SymbolLimitSetSchema).default({}),
    programmaticTrading: z
      .object({
        messagesPerSecond: z.number().int().positive('a threshold must be positive'),
        messagesPerDay: z.number().int().positive('a threshold must be positive'),
      })
      .strict()
      .default({ ...PROGRAMMATIC_THRESHOLDS }),
  })
  .strict();

export type RiskLimitsDocument = z.infer<typeof RiskLimitsSchema>;
type LimitSetDocument = z.infer<typeof SymbolLimitSetSchema> & {
  readonly restrictedSymbols?: readonly string[] | undefined;
};

export interface LimitFieldError {
  /** Dotted path of the field in the body, e.g. `accounts.SIM-STOCK.maxPositionShare`. */
  readonly path: string;
  readonly message: string;
}

export type ParsedRiskLimits =
  | { readonly ok: true; readonly limits: RiskLimits; readonly document: RiskLimitsDocument }
  | { readonly ok: false; readonly errors: readonly LimitFieldError[] };

const MONEY_FIELDS = [
  'maxOrderNotional',
  'maxPositionNotional',
  'maxGrossExposure',
  'maxDailyLoss',
  'maxAccountGrossExposure',
  'maxAccountDailyLoss',
] as const;
const COUNT_FIELDS = [
  'maxOrderQuantity',
  'duplicateWindowMs',
  'maxPositionQuantity',
  'maxOpenOrders',
  'maxOrdersPerSecond',
  'maxDailyOrders',
  'maxCancelsPerSecond',
  'maxDailyCancels',
  'cancelRatioMinOrders',
  'maxAccountOpenOrders',
  'maxFuturesDailyOpen',
  'maxFuturesDailyCancels',
] as const;
const RATIO_FIELDS = [
  ['maxPriceDeviation', 'maxPriceDeviationBps'],
  ['maxPositionShare', 'maxPositionShareBps'],
  ['maxCancelRatio', 'maxCancelRatioBps'],
] as const;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function toLimitSet(doc: LimitSetDocument): LimitSet {
  const set: Mutable<LimitSet> = {};
  for (const field of COUNT_FIELDS) {
    const value = doc[field];
    if (value !== undefined) {
      set[field] = value;
    }
  }
  for (const field of MONEY_FIELDS) {
    const value = doc[field];
    if (value !== undefined) {
      set[field] = moneyFromYuan(value);
    }
  }
  for (const [wire, domain] of RATIO_FIELDS) {
    const value = doc[wire];
    if (value !== undefined) {
      set[domain] = Math.round(value * 10_000);
    }
  }
  if (doc.selfTradePolicy !== undefined) {
    set.selfTradePolicy = doc.selfTradePolicy;
  }
  if (doc.restrictedSymbols !== undefined) {
    set.restrictedSymbols = new Set(doc.restrictedSymbols);
  }
  if (doc.restricted !== undefined) {
    set.restricted = doc.restricted;
  }
  return set;
}

function toMap<T>(record: Readonly<Record<string, T>>): ReadonlyMap<string, LimitSet> {
  return new Map(
    Object.entries(record).map(([key, doc]) => [key, toLimitSet(doc as LimitSetDocument)]),
  );
}

/** Domain limits from a parsed document. */
export function limitsFromDocument(doc: RiskLimitsDocument): RiskLimits {
  const strategyAccounts = new Map<string, LimitSet>();
  for (const [strategyId, accounts] of Object.entries(doc.strategyAccounts)) {
    for (const [accountId, set] of Object.entries(accounts)) {
      strategyAccounts.set(strategyAccountKey(strategyId, accountId), toLimitSet(set));
    }
  }
  return {
    global: toLimitSet(doc.global),
    accounts: toMap(doc.accounts),
    strategies: toMap(doc.strategies),
    strategyAccounts,
    symbols: toMap(doc.symbols),
    programmaticTrading: doc.programmaticTrading,
  };
}

function pathOf(segments: readonly PropertyKey[]): string {
  return segments.map(String).join('.');
}

/** Validates a limit document (the PUT body or desk.yaml's limits); every error names its path. */
export function parseRiskLimits(input: unknown): ParsedRiskLimits {
  const parsed = RiskLimitsSchema.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.flatMap((issue): LimitFieldError[] =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({
            path: pathOf([...issue.path, key]),
            message: `unknown limit field ${key}`,
          }))
        : issue.code === 'invalid_key'
          ? [
              {
                path: pathOf(issue.path),
                message: `invalid key: ${issue.issues.map((inner) => inner.message).join('; ')}`,
              },
            ]
          : [{ path: pathOf(issue.path), message: issue.message }],
    );
    return { ok: false, errors };
  }
  return { ok: true, limits: limitsFromDocument(parsed.data), document: parsed.data };
}

function yuanOf(money: Money): number {
  return Number(formatMoney(asMoney(money)));
}

function toDocumentSet(set: LimitSet): LimitSetDocument {
  const doc: Record<string, unknown> = {};
  for (const field of COUNT_FIELDS) {
    if (set[field] !== undefined) {
      doc[field] = set[field];
    }
  }
  for (const field of MONEY_FIELDS) {
    const value = set[field];
    if (value !== undefined) {
      doc[field] = yuanOf(value);
    }
  }
  for (const [wire, domain] of RATIO_FIELDS) {
    const value = set[domain];
    if (value !== undefined) {
      doc[wire] = value / 10_000;
    }
  }
  if (set.selfTradePolicy !== undefined) {
    doc['selfTradePolicy'] = set.selfTradePolicy;
  }
  if (set.restrictedSymbols !== undefined) {
    doc['restrictedSymbols'] = [...set.restrictedSymbols].sort();
  }
  if (set.restricted !== undefined) {
    doc['restricted'] = set.restricted;
  }
  return doc;
}

/** The document GET answers with; parsing it again gives the same limits. */
export function documentFromLimits(limits: RiskLimits): RiskLimitsDocument {
  const strategyAccounts: Record<string, Record<string, LimitSetDocument>> = {};
  for (const [key, set] of limits.strategyAccounts) {
    const [strategyId = '', accountId = ''] = key.split('@');
    (strategyAccounts[strategyId] ??= {})[accountId] = toDocumentSet(set);
  }
  const record = (map: ReadonlyMap<string, LimitSet>) =>
    Object.fromEntries([...map].map(([key, set]) => [key, toDocumentSet(set)]));
  return {
    global: toDocumentSet(limits.global),
    accounts: record(limits.accounts),
    strategies: record(limits.strategies),
    strategyAccounts,
    symbols: record(limits.symbols),
    programmaticTrading: { ...limits.programmaticTrading },
  } as RiskLimitsDocument;
}
