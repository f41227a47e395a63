import { createHash } from 'node:crypto';
import type { AccountConfig, DeskConfig, StrategyConfig } from '@qmt/contracts';
import {
  XtAccountType,
  defaultTickSize,
  moneyFromYuan,
  parsePrice,
  parseSecurityCode,
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

/** The desk as configured: principals by key, accounts, strategy books, reference instruments. */
export class DeskDirectory {
  private readonly principalsByKeyHash = new Map<string, Principal>();
  private readonly accountsById: ReadonlyMap<string, AccountConfig>;
  private readonly strategiesById: ReadonlyMap<string, StrategyConfig>;
  private readonly instrumentsBySymbol = new Map<string, Instrument>();

  constructor(readonly config: DeskConfig) {
    this.accountsById = new Map(config.accounts.map((a) => [a.id, a]));
    this.strategiesById = new Map(config.strategies.map((s) => [s.id, s]));
    const everyAccount = new Set(config.accounts.map((a) => a.id));
    for (const strategy of config.strategies) {
      this.addPrincipal(strategy.apiKey, {
        id: strategy.id,
        role: 'trader',
        accounts: new Set(strategy.accounts),
        strategyId: strategy.id,
      });
    }
    for (const user of config.users) {
      this.addPrincipal(user.apiKey, {
        id: user.id,
        role: user.role,
        accounts: everyAccount,
        strategyId: null,
      });
    }
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

  private addPrincipal(key: string, principal: Principal): void {
    const hash = key.startsWith('sha256:') ? key.slice('sha256:'.length) : sha256(key);
    this.principalsByKeyHash.set(hash, principal);
  }

  /** The principal holding this bearer key; keys are compared by their sha256. */
  principalForKey(key: string): Principal | undefined {
    return this.principalsByKeyHash.get(sha256(key));
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
