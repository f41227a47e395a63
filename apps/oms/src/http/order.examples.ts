// Examples the OpenAPI document shows for the order routes; the e2e OpenAPI test checks each one
// against its schema, so an example cannot drift from the response it stands for.

const ORDER_ID = 'Q01JD3Z8X4K2M9P7R5T';

export const ROUTED_ORDER = {
  orderId: ORDER_ID,
  clientOrderId: 'alpha-20261124-0001',
  accountId: 'SIM-STOCK',
  strategyId: 'alpha',
  symbol: '000001.SZ',
  side: 'BUY',
  orderType: 23,
  priceType: 'LIMIT',
  price: 11.6,
  quantity: 100,
  filledQuantity: 0,
  avgFillPrice: null,
  status: 'ROUTED',
  xtStatus: null,
  brokerOrderId: null,
  brokerSysId: null,
  parentId: null,
  rejection: null,
  statusMessage: null,
  createdAt: '2026-11-24T02:15:00.120Z',
  updatedAt: '2026-11-24T02:15:00.131Z',
} as const;

export const REJECTED_ORDER = {
  ...ROUTED_ORDER,
  orderId: 'Q01JD3Z8X4K2M9P7R6V',
  clientOrderId: 'alpha-20261124-0002',
  price: 13,
  status: 'REJECTED',
  rejection: {
    rule: 'PRICE_LIMIT',
    message: "price 13 is above today's limit-up price 12.65 for 000001.SZ",
    details: { observed: '13', limit: '12.65', price: '13', limitUp: '12.65', limitDown: '10.35' },
  },
  statusMessage: "price 13 is above today's limit-up price 12.65 for 000001.SZ",
} as const;

export const CANCEL_REQUESTED_ORDER = {
  ...ROUTED_ORDER,
  price: 11.4,
  status: 'ORDER_REPORTED',
  xtStatus: 50,
  brokerOrderId: '6156418001',
  brokerSysId: '6156418001',
  updatedAt: '2026-11-24T02:15:00.160Z',
} as const;

export const TRADE = {
  tradeId: 'T6156418001',
  orderId: ORDER_ID,
  accountId: 'SIM-STOCK',
  strategyId: 'alpha',
  symbol: '000001.SZ',
  side: 'BUY',
  quantity: 100,
  price: 11.46,
  amount: 1146,
  commission: 0,
  tradedAt: '2026-11-24T02:15:00.170Z',
} as const;

export const FILLED_ORDER_DETAIL = {
  ...ROUTED_ORDER,
  filledQuantity: 100,
  avgFillPrice: 11.46,
  status: 'ORDER_SUCCEEDED',
  xtStatus: 56,
  brokerOrderId: '6156418001',
  brokerSysId: '6156418001',
  updatedAt: '2026-11-24T02:15:00.171Z',
  events: [
    {
      seq: 1,
      eventId: `created:${ORDER_ID}`,
      type: 'CREATED',
      status: 'PENDING_RISK',
      xtStatus: null,
      stateAfter: 'PENDING_RISK',
      outcome: 'applied',
      source: 'oms',
      ts: '2026-11-24T02:15:00.120Z',
      payload: { clientOrderId: 'alpha-20261124-0001', quantity: 100 },
    },
    {
      seq: 2,
      eventId: `risk:${ORDER_ID}`,
      type: 'RISK_APPROVED',
      status: 'ROUTED',
      xtStatus: null,
      stateAfter: 'ROUTED',
      outcome: 'applied',
      source: 'risk',
      ts: '2026-11-24T02:15:00.131Z',
      payload: {},
    },
    {
      seq: 3,
      eventId: `st:SIM-STOCK:${ORDER_ID}:50:0`,
      type: 'ORDER_STATUS',
      status: 'ORDER_REPORTED',
      xtStatus: 50,
      stateAfter: 'ORDER_REPORTED',
      outcome: 'applied',
      source: 'connector:sim-1',
      ts: '2026-11-24T02:15:00.160Z',
      payload: { xtStatus: 50, brokerOrderId: 6156418001, filledQuantity: 0 },
    },
    {
      seq: 4,
      eventId: 'tr:SIM-STOCK:T6156418001',
      type: 'TRADE',
      status: 'ORDER_SUCCEEDED',
      xtStatus: null,
      stateAfter: 'ORDER_SUCCEEDED',
      outcome: 'applied',
      source: 'connector:sim-1',
      ts: '2026-11-24T02:15:00.170Z',
      payload: { tradeId: 'T6156418001', quantity: 100, price: 114600, amount: '11460000' },
    },
    {
      seq: 5,
      eventId: `st:SIM-STOCK:${ORDER_ID}:56:100`,
      type: 'ORDER_STATUS',
      status: 'ORDER_SUCCEEDED',
      xtStatus: 56,
      stateAfter: 'ORDER_SUCCEEDED',
      outcome: 'applied',
      source: 'connector:sim-1',
      ts: '2026-11-24T02:15:00.171Z',
      payload: { xtStatus: 56, brokerOrderId: 6156418001, filledQuantity: 100 },
    },
  ],
  trades: [TRADE],
} as const;

export const ORDER_PAGE = {
  items: [ROUTED_ORDER, REJECTED_ORDER],
  nextCursor: 'WyIyMDI2LTExLTI0VDAyOjE1OjAwLjEyMFoiLCJRMDFKRDNaOFg0SzJNOVA3UjVUIl0',
} as const;

export const TRADE_PAGE = { items: [TRADE], nextCursor: null } as const;

export const ORDER_ID_EXAMPLE = ORDER_ID;
