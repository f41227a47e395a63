// Examples of the query routes' answers in the OpenAPI document (each checked against its schema).
import type { ErrorExample } from '@qmt/runtime';

export const OTHER_STRATEGY: ErrorExample = {
  code: 'FORBIDDEN',
  message: "strategy beta may not see strategy alpha's orders, trades or book",
};

export const POSITIONS = {
  items: [
    {
      accountId: 'SIM-STOCK',
      symbol: '000001.SZ',
      books: [
        { strategyId: 'beta', quantity: 50000 },
        { strategyId: 'alpha', quantity: 100 },
      ],
      broker: {
        volume: 50100,
        sellable: 50000,
        frozen: 0,
        avgPrice: 11.4512,
        asOf: '2026-11-24T02:15:01.002Z',
      },
    },
    {
      accountId: 'SIM-STOCK',
      symbol: '510300.SH',
      books: [{ strategyId: null, quantity: 200000 }],
      broker: null,
    },
  ],
} as const;

export const ACCOUNT = {
  accountId: 'SIM-STOCK',
  type: 'STOCK',
  connectorId: 'sim-1',
  connector: {
    state: 'UP',
    reason: 'session 156418866 up, 3 accounts subscribed and reconciled',
    since: '2026-11-24T01:00:00.512Z',
  },
  asset: {
    cash: 9998849,
    frozenCash: 0,
    marketValue: 1390262.6,
    totalAsset: 11390256.6,
    asOf: '2026-11-24T02:15:01.002Z',
  },
} as const;

export const ACCOUNTS = {
  items: [
    ACCOUNT,
    {
      accountId: 'SIM-CREDIT',
      type: 'CREDIT',
      connectorId: 'sim-1',
      connector: { state: 'UNKNOWN', reason: '', since: null },
      asset: null,
    },
  ],
} as const;

export const INSTRUMENT = {
  symbol: '000001.SZ',
  name: '平安银行',
  type: 'STOCK',
  board: 'MAIN',
  market: 'SZ',
  lotSize: 100,
  tickSize: 0.01,
  upLimit: 12.65,
  downLimit: 10.35,
  preClose: 11.5,
  lastPrice: null,
  bid: null,
  ask: null,
  status: 'TRADING',
} as const;

export const ACCOUNT_NOT_FOUND: ErrorExample = {
  code: 'NOT_FOUND',
  message: 'account SIM-NOWHERE not found',
};
