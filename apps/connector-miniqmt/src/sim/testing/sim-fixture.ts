// A small sim for the sim's own specs: one account of each type, a handful of codes, a clock
// the test moves, callbacks recorded.
import type { XtCallback, XtOrder } from '@qmt/domain';
import { SimMiniQmt, type SimConfig } from '../sim-mini-qmt.js';

interface XtAccountRef {
  readonly account_id: string;
  readonly account_type: number;
}

export const STOCK: XtAccountRef = { account_id: 'S1', account_type: 2 };
export const CREDIT: XtAccountRef = { account_id: 'C1', account_type: 3 };
export const FUTURE: XtAccountRef = { account_id: 'F1', account_type: 1 };
export const OPTION: XtAccountRef = { account_id: 'O1', account_type: 6 };

export interface SimFixture {
  readonly sim: SimMiniQmt;
  readonly callbacks: XtCallback[];
  /** Sets the sim's base clock. */
  at(iso: string): void;
  /** Waits until every queued callback was delivered. */
  settle(): Promise<void>;
  orders(account: XtAccountRef): Promise<XtOrder[]>;
}

export function simFixture(overrides: Partial<SimConfig> = {}): SimFixture {
  let now = new Date('2026-11-24T02:00:00Z');
  const sim = new SimMiniQmt({
    accounts: [
      {
        accountId: 'S1',
        accountType: 2,
        cash: 1_000_000,
        positions: [{ symbol: '600000.SH', volume: 10_000 }],
      },
      {
        accountId: 'C1',
        accountType: 3,
        cash: 1_000_000,
        positions: [{ symbol: '600000.SH', volume: 10_000 }],
      },
      { accountId: 'F1', accountType: 1, cash: 1_000_000, positions: [] },
      { accountId: 'O1', accountType: 6, cash: 1_000_000, positions: [] },
    ],
    instruments: [
      {
        symbol: '600000.SH',
        name: '浦发银行',
        preClose: 10,
        tickSize: 0.01,
        upLimit: 11,
        downLimit: 9,
      },
      { symbol: '000001.SZ', name: '平安银行', preClose: 12, tickSize: 0.01 },
      { symbol: '510300.SH', name: '沪深300ETF', preClose: 4, tickSize: 0.001 },
      { symbol: '113050.SH', name: '南银转债', preClose: 125, tickSize: 0.001 },
      {
        symbol: 'IF2612.IF',
        name: '沪深300指数2612',
        preClose: 3900,
        tickSize: 0.2,
        multiplier: 300,
        marginRatio: 0.12,
      },
      {
        symbol: 'rb2605.SF',
        name: '螺纹钢2605',
        preClose: 3500,
        tickSize: 1,
        multiplier: 10,
        marginRatio: 0.1,
      },
      {
        symbol: '10009999.SHO',
        name: '50ETF购',
        preClose: 0.1,
        tickSize: 0.0001,
        multiplier: 10_000,
        marginRatio: 0.12,
      },
    ],
    ipo: {
      '732999.SH': {
        name: '测试申购',
        type: 'STOCK',
        maxPurchaseNum: 10_000,
        minPurchaseNum: 500,
        purchaseDate: '20261124',
        issuePrice: 8.8,
      },
    },
    idBase: 1,
    latencyMs: 0,
    now: () => now,
    ...overrides,
  });
  const callbacks: XtCallback[] = [];
  sim.onCallback((cb) => callbacks.push(cb));
  return {
    sim,
    callbacks,
    at: (iso) => {
      now = new Date(iso);
    },
    settle: async () => {
      for (let i = 0; i < 1_000 && sim.pendingCallbacks() > 0; i += 1) {
        await new Promise((resolve) => setImmediate(resolve));
      }
      await new Promise((resolve) => setImmediate(resolve));
    },
    orders: (account) => sim.queryStockOrders(account),
  };
}
