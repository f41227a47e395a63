import { createHash } from 'node:crypto';
import type {
  AccountConfig,
  DeskConfig,
  RateLimitConfig,
  StrategyConfig,
  UserConfig,
} from '@qmt/contracts';
import {
  XtAccountType,
  defaultTickSize,
  moneyFromYuan,
  parsePrice,
  parseSecurityCode,
  tradingCalendar,
  type Instrument,
  type Money,
  type Price,
} from '@qmt/domain';

export type Role = 'trader' | 'risk' | 'compliance' | 'admin';

/** Who is calling: a strategy (role trader) or a desk user. */
export interface Principal {
  readonly id: string;
  readonly role: Role;
  /** Accounts a trader may use; every account for the other roles. */
  readonly accounts: ReadonlySet<string>;
  readonly strategyId: string | null;
}

const XT_ACCOUNT_TYPE = {
  STOCK: XtAccountType.SECURITY_ACCOUNT,
  CREDIT: XtAccountType.CREDIT_ACCOUNT,
  FUTURE: XtAccountType.FUTURE_ACCOUNT,
  STOCK_OPTION: XtAccountType.STOCK_OPTION_ACCOUNT,
} as const;

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A configured key as the directory keeps it: only its sha256, never the key itself. */
export function keyHash(configured: string): string {
  return configured.startsWith('sha256:') ? configured.slice('sha256:'.length) : sha256(configured);
}

/** What a key reload changed (POST /v1/admin/keys/reload, SIGHUP); ids only, never keys. */
export interface KeyReloadReport {
  /** Principals whose accepted keys changed. */
  readonly changed: readonly string[];
  /** Running principals missing from the file: their keys no longer work. */
  readonly revoked: readonly string[];
  /** Principals in the file this process does not run: they need a restart. */
  readonly ignored: readonly string[];
  /** Keys accepted after the reload. */
  readonly keys: number;
}

type KeyHolder = Pick<
  StrategyConfig | UserConfig,
  'id' | 'apiKey' | 'previousApiKeys' | 'rateLimit'
>;

function holdersOf(config: DeskConfig): KeyHolder[] {
  return [...config.strategies, ...config.users];
}

function keyHashesOf(holder: KeyHolder): string[] {
  return [holder.apiKey, ...holder.previousApiKeys].map(keyHash);
}

/** The desk as configured: principals by key, accounts, strategy books, reference instruments. */
export class DeskDirectory {
  private principalsByKeyHash = new Map<string, Principal>();
  private readonly principalsById = new Map<string, Principal>();
  private keyHashesById = new Map<string, readonly string[]>();
  private rateLimitsById = new Map<string, RateLimitConfig>();
  private readonly accountsById: ReadonlyMap<string, AccountConfig>;
  private readonly strategiesById: ReadonlyMap<string, StrategyConfig>;
  private readonly instrumentsBySymbol = new Map<string, Instrument>();

  /** SH/SZ trading days: Monday to Friday less the desk's configured exchange holidays. */
  readonly isTradingDay: (day: string) => boolean;

  constructor(readonly config: DeskConfig) {
    this.isTradingDay = tradingCalendar(config.calendar.holidays);
    this.accountsById = new Map(config.accounts.map((a) => [a.id, a]));
    this.strategiesById = new Map(config.strategies.map((s) => [s.id, s]));
    const everyAccount = new Set(config.accounts.map((a) => a.id));
    for (const strategy of config.strategies) {
      this.principalsById.set(strategy.id, {
        id: strategy.id,
        role: 'trader',
        accounts: new Set(strategy.accounts),
        strategyId: strategy.id,
      });
    }
    for (const user of config.users) {
      this.principalsById.set(user.id, {
        id: user.id,
        role: user.role,
        accounts: everyAccount,
        strategyId: null,
      });
    }
    this.installKeys(config);
    for (const ref of config.instruments) {
      const parsed = parseSecurityCode(ref.symbol);
      if (!parsed.ok) {
        throw new Error(`desk config instrument ${ref.symbol}: ${parsed.reason}`);
      }
      const price = (yuan: number | undefined, field: string): Price | null => {
        if (yuan === undefined) {
          return null;
        }
        const units = parsePrice(yuan);
        if (units === null) {
          throw new Error(`desk config instrument ${ref.symbol}: ${field} ${yuan} is not a price`);
        }
        return units;
      };
      this.instrumentsBySymbol.set(ref.symbol, {
        security: parsed.security,
        name: ref.name,
        preClose: price(ref.preClose, 'preClose') ?? (0 as Price),
        tickSize: defaultTickSize(parsed.security),
        upLimit: price(ref.upLimit, 'upLimit'),
        downLimit: price(ref.downLimit, 'downLimit'),
        status: ref.suspended ? 'SUSPENDED' : 'TRADING',
        isSt: ref.st,
        daysSinceListing: ref.daysSinceListing ?? null,
        multiplier: ref.multiplier,
      });
    }
  }

  /** Swaps in the key entries (and rate limits) of config for the principals this desk runs. */
  private installKeys(config: DeskConfig): void {
    const byHash = new Map<string, Principal>();
    const hashesById = new Map<string, readonly string[]>();
    const limits = new Map<string, RateLimitConfig>();
    for (const holder of holdersOf(config)) {
      const principal = this.principalsById.get(holder.id);
      if (principal === undefined) {
        continue;
      }
      const hashes = keyHashesOf(holder);
      hashes.forEach((hash) => byHash.set(hash, principal));
      hashesById.set(holder.id, hashes);
      const limit = holder.rateLimit ?? config.security.rateLimit;
      if (limit !== undefined) {
        limits.set(holder.id, limit);
      }
    }
    // Whole maps are replaced at once, so a request never sees half a reload.
    this.principalsByKeyHash = byHash;
    this.keyHashesById = hashesById;
    this.rateLimitsById = limits;
  }

  /**
   * Key rotation without a restart: takes the key entries of a re-read desk file. Only keys and
   * rate limits change; principals, roles and accounts stay as the process started (a new
   * principal is reported as ignored, one missing from the file loses its keys).
   */
  reloadKeys(next: DeskConfig): KeyReloadReport {
    const before = this.keyHashesById;
    const nextIds = new Set(holdersOf(next).map((h) => h.id));
    this.installKeys(next);
    const same = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
      a !== undefined && b !== undefined && a.length === b.length && a.every((h, i) => h === b[i]);
    return {
      changed: [...this.keyHashesById.keys()].filter(
        (id) => !same(before.get(id), this.keyHashesById.get(id)),
      ),
      revoked: [...this.principalsById.keys()].filter((id) => !nextIds.has(id)),
      ignored: [...nextIds].filter((id) => !this.principalsById.has(id)),
      keys: this.principalsByKeyHash.size,
    };
  }

  /** The principal holding the bearer key of this sha256 (hex): keys are kept only hashed. */
  principalForKeyHash(hash: string): Principal | undefined {
    return this.principalsByKeyHash.get(hash);
  }

  /** The request rate a principal's keys may use, or undefined for no limit. */
  rateLimitFor(principalId: string): RateLimitConfig | undefined {
    return this.rateLimitsById.get(principalId);
  }

  account(accountId: string): AccountConfig | undefined {
    return this.accountsById.get(accountId);
  }

  accounts(): readonly AccountConfig[] {
    return this.config.accounts;
  }

  accountIds(): string[] {
    return this.config.accounts.map((a) => a.id);
  }

  /** Gateway account ids served by one connector. */
  accountsOfConnector(connectorId: string): AccountConfig[] {
    return this.config.accounts.filter((a) => a.connector === connectorId);
  }

  xtAccountType(account: AccountConfig): number {
    return XT_ACCOUNT_TYPE[account.type];
  }

  strategy(strategyId: string): StrategyConfig | undefined {
    return this.strategiesById.get(strategyId);
  }

  strategies(): readonly StrategyConfig[] {
    return this.config.strategies;
  }

  /** A strategy's cash budget in an account, or null when it has none there. */
  budget(strategyId: string, accountId: string): Money | null {
    const yuan = this.strategiesById.get(strategyId)?.budgets[accountId];
    return yuan === undefined ? null : moneyFromYuan(yuan);
  }

  instrument(symbol: string): Instrument | undefined {
    return this.instrumentsBySymbol.get(symbol);
  }

  instruments(): Instrument[] {
    return [...this.instrumentsBySymbol.values()];
  }
}
