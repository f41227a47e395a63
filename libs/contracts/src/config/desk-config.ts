import { z } from 'zod';
import { isIsoDay } from '@qmt/domain';
import { parseRiskLimits } from '../risk/limits.js';

// config/desk.yaml (API.md "Desk configuration"): connectors, accounts, strategies, users,
// reference instruments. Unknown keys are refused so a typo never silently drops a limit.

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$/, 'letters, digits, - and _ only');
const yuan = z.number().nonnegative();
const symbol = z
  .string()
  .regex(/^[A-Za-z0-9]+\.[A-Z]+$/, 'a code with a market suffix, e.g. 600000.SH');

// Where the sim's quotes come from (docs/simulator.md): the control API only, seeded synthetic
// ticks on the U-shaped intraday volume curve, or a recorded tick CSV replayed.
const SimQuotes = z.discriminatedUnion('source', [
  z.object({ source: z.literal('static') }).strict(),
  z
    .object({
      source: z.literal('synthetic'),
      seed: z.number().int().default(1),
      intervalMs: z.number().int().positive().default(3_000),
      dailyVolume: z.number().int().positive().default(5_000_000),
    })
    .strict(),
  z
    .object({ source: z.literal('csv'), file: z.string().min(1), loop: z.boolean().default(false) })
    .strict(),
]);

const SimOptions = z
  .object({
    latencyMs: z.number().int().nonnegative().default(1),
    clock: z.enum(['continuous', 'wall']).default('continuous'),
    /** Sim seconds per real second: long scenarios in short tests. */
    speed: z.number().positive().max(10_000).default(1),
    quotes: SimQuotes.default({ source: 'static' }),
    /** Keep the broker's state under DATA_DIR/sim/<connector> across restarts. */
    persist: z.boolean().default(true),
  })
  .strict();

// Requests towards miniQMT (xtquant-api §5.19): xtquant has no limit, counters do.
const BrokerRateLimit = z
  .object({
    perSecond: z.number().positive(),
    burst: z.number().int().positive().optional(),
  })
  .strict();

// The Python bridge next to miniQMT (docs/bridge-protocol.md). The shared token is never
// written here: it comes from an environment variable or a file, so it stays out of the
// parsed config and of anything that logs it.
const BridgeTls = z
  .object({
    caFile: z.string().min(1).optional(),
    certFile: z.string().min(1).optional(),
    keyFile: z.string().min(1).optional(),
    servername: z.string().min(1).optional(),
  })
  .strict()
  .refine((tls) => (tls.certFile === undefined) === (tls.keyFile === undefined), {
    message: 'certFile and keyFile go together',
  });

const BridgeOptions = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    tokenEnv: z
      .string()
      .regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name')
      .optional(),
    tokenFile: z.string().min(1).optional(),
    tls: BridgeTls.optional(),
    requestTimeoutMs: z.number().int().positive().default(10_000),
    heartbeatIntervalMs: z.number().int().positive().default(5_000),
    heartbeatTimeoutMs: z.number().int().positive().default(15_000),
  })
  .strict()
  .refine((bridge) => (bridge.tokenEnv === undefined) !== (bridge.tokenFile === undefined), {
    message: 'exactly one of tokenEnv or tokenFile',
    path: ['tokenEnv'],
  });

const Connector = z
  .object({
    id,
    backend: z.enum(['sim', 'bridge']),
    sim: SimOptions.default({
      latencyMs: 1,
      clock: 'continuous',
      speed: 1,
      quotes: { source: 'static' },
      persist: true,
    }),
    bridge: BridgeOptions.optional(),
    rateLimit: BrokerRateLimit.optional(),
  })
  .strict();

const Account = z
  .object({
    id,
    type: z.enum(['STOCK', 'CREDIT', 'FUTURE', 'STOCK_OPTION']),
    connector: id,
    brokerAccountId: z.string().min(1),
    cash: yuan.default(0),
    positions: z
      .array(
        z.object({ symbol, quantity: z.number().int().positive(), book: id.optional() }).strict(),
      )
      .default([]),
  })
  .strict();

/** A token bucket per API key: a steady rate and the burst a client may spend at once. */
const RateLimit = z
  .object({
    requestsPerSecond: z.number().positive(),
    burst: z.number().int().positive(),
  })
  .strict();

/**
 * Key entries: apiKey, plus previousApiKeys still accepted during a rotation (remove them and
 * reload once every client holds the new key). Any of them may be sha256:<hex> or ${ENV}.
 */
const keyEntries = {
  apiKey: z.string().min(1),
  previousApiKeys: z.array(z.string().min(1)).default([]),
  rateLimit: RateLimit.optional(),
};

const Strategy = z
  .object({
    id,
    ...keyEntries,
    accounts: z.array(id).min(1),
    budgets: z.record(id, yuan).default({}),
  })
  .strict();

const User = z
  .object({ id, ...keyEntries, role: z.enum(['risk', 'compliance', 'admin']) })
  .strict();

const Security = z
  .object({
    /** Default for every key without its own rateLimit; absent: no limit. */
    rateLimit: RateLimit.optional(),
  })
  .strict();

// Exchange holidays (SH/SZ), from the exchanges' yearly notice or xtdata get_holidays(): a
// weekday listed here is no trading day for risk, the session clock and the algo windows.
const Calendar = z
  .object({
    holidays: z
      .array(
        z
          .string()
          .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day written YYYY-MM-DD')
          .refine(isIsoDay, { message: 'not a calendar day' }),
      )
      .default([]),
  })
  .strict();

const InstrumentRef = z
  .object({
    symbol,
    name: z.string().min(1),
    preClose: z.number().positive(),
    upLimit: z.number().positive().optional(),
    downLimit: z.number().positive().optional(),
    st: z.boolean().default(false),
    suspended: z.boolean().default(false),
    daysSinceListing: z.number().int().positive().optional(),
    multiplier: z.number().int().positive().default(1),
  })
  .strict();

export const DeskConfigSchema = z
  .object({
    desk: z.object({ name: z.string().min(1) }).strict(),
    connectors: z.array(Connector).min(1),
    accounts: z.array(Account).min(1),
    strategies: z.array(Strategy).default([]),
    users: z.array(User).default([]),
    instruments: z.array(InstrumentRef).default([]),
    security: Security.default({}),
    calendar: Calendar.default({ holidays: [] }),
    /**
     * The risk limit document (PUT /v1/risk/limits has the same shape): seeds the risk_limits
     * table on the first start; afterwards the table is the truth (docs/risk-service.md).
     */
    limits: z.unknown().optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    const connectorIds = new Set(config.connectors.map((c) => c.id));
    const accountIds = new Set(config.accounts.map((a) => a.id));
    config.accounts.forEach((account, i) => {
      if (!connectorIds.has(account.connector)) {
        ctx.addIssue({
          code: 'custom',
          path: ['accounts', i, 'connector'],
          message: `unknown connector ${account.connector}`,
        });
      }
    });
    config.strategies.forEach((strategy, i) => {
      strategy.accounts.forEach((accountId, j) => {
        if (!accountIds.has(accountId)) {
          ctx.addIssue({
            code: 'custom',
            path: ['strategies', i, 'accounts', j],
            message: `unknown account ${accountId}`,
          });
        }
      });
    });
    if (config.limits !== undefined) {
      const parsed = parseRiskLimits(config.limits);
      if (!parsed.ok) {
        for (const error of parsed.errors) {
          ctx.addIssue({
            code: 'custom',
            path: ['limits', ...error.path.split('.').filter((p) => p !== '')],
            message: error.message,
          });
        }
      }
    }
    const keys = [...config.strategies, ...config.users].flatMap((p) => [
      p.apiKey,
      ...p.previousApiKeys,
    ]);
    if (new Set(keys).size !== keys.length) {
      ctx.addIssue({ code: 'custom', path: ['users'], message: 'API keys must be unique' });
    }
  });

export type DeskConfig = z.infer<typeof DeskConfigSchema>;
export type ConnectorConfig = DeskConfig['connectors'][number];
export type BridgeConfig = NonNullable<ConnectorConfig['bridge']>;
export type AccountConfig = DeskConfig['accounts'][number];
export type StrategyConfig = DeskConfig['strategies'][number];
export type UserConfig = DeskConfig['users'][number];
export type RateLimitConfig = z.infer<typeof RateLimit>;
export type InstrumentConfig = DeskConfig['instruments'][number];
