import { asMoney, type Money, type Price } from '@qmt/domain';

export interface SimPosition {
  volume: number;
  /** Sellable now: T+1, so today's buys are not included. */
  canUse: number;
  frozen: number;
  yesterday: number;
  cost: Money;
}

/** A simulated broker account: cash, frozen cash, positions with T+1 sellable volume. */
export class SimLedger {
  cash: Money;
  frozenCash: Money = asMoney(0n);
  readonly positions = new Map<string, SimPosition>();

  constructor(
    readonly accountId: string,
    readonly accountType: number,
    cash: Money,
    holdings: readonly { symbol: string; volume: number }[],
  ) {
    this.cash = cash;
    for (const holding of holdings) {
      this.positions.set(holding.symbol, {
        volume: holding.volume,
        canUse: holding.volume,
        frozen: 0,
        yesterday: holding.volume,
        cost: asMoney(0n),
      });
    }
  }

  position(symbol: string): SimPosition {
    const existing = this.positions.get(symbol);
    if (existing !== undefined) {
      return existing;
    }
    const fresh: SimPosition = { volume: 0, canUse: 0, frozen: 0, yesterday: 0, cost: asMoney(0n) };
    this.positions.set(symbol, fresh);
    return fresh;
  }

  freezeCash(amount: Money): boolean {
    if (amount > this.cash) {
      return false;
    }
    this.cash = asMoney(this.cash - amount);
    this.frozenCash = asMoney(this.frozenCash + amount);
    return true;
  }

  releaseCash(amount: Money): void {
    this.frozenCash = asMoney(this.frozenCash - amount);
    this.cash = asMoney(this.cash + amount);
  }

  freezeShares(symbol: string, volume: number): boolean {
    const position = this.position(symbol);
    if (volume > position.canUse) {
      return false;
    }
    position.canUse -= volume;
    position.frozen += volume;
    return true;
  }

  releaseShares(symbol: string, volume: number): void {
    const position = this.position(symbol);
    position.frozen -= volume;
    position.canUse += volume;
  }

  /** A buy fill: frozen cash pays, the difference to the reservation returns to cash. */
  buyFilled(symbol: string, volume: number, price: Price, frozenPerShare: Money): void {
    const cost = BigInt(price) * BigInt(volume);
    const reserved = frozenPerShare * BigInt(volume);
    this.frozenCash = asMoney(this.frozenCash - reserved);
    this.cash = asMoney(this.cash + reserved - cost);
    const position = this.position(symbol);
    position.volume += volume;
    position.cost = asMoney(position.cost + cost);
  }

  sellFilled(symbol: string, volume: number, price: Price): void {
    const position = this.position(symbol);
    position.frozen -= volume;
    position.volume -= volume;
    this.cash = asMoney(this.cash + BigInt(price) * BigInt(volume));
  }

  marketValue(priceOf: (symbol: string) => Price | undefined): Money {
    let total = 0n;
    for (const [symbol, position] of this.positions) {
      total += BigInt(priceOf(symbol) ?? 0) * BigInt(position.volume);
    }
    return asMoney(total);
  }
}
