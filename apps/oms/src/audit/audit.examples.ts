// Examples of the audit routes' answers in the OpenAPI document (each checked against its schema).

export const AUDIT_RECORD = {
  seq: 42,
  at: '2026-11-24T02:15:00.131Z',
  type: 'RISK_DECISION',
  actor: 'risk',
  role: null,
  ip: null,
  accountId: 'SIM-STOCK',
  strategyId: 'alpha',
  orderId: 'Q01JD3Z8X4K2M9P7R5T',
  detail: {
    kind: 'ORDER',
    order: { side: 'BUY', price: 116000, symbol: '000001.SZ', quantity: 100, orderType: 23 },
    approved: true,
    decision: { approved: true },
  },
  prevHash: '9f2c4d0e6b1a7c3f5e8d2b4a6c9e1f3d5b7a9c2e4f6d8b0a1c3e5f7d9b2a4c6e',
  hash: '3b5d7f9a1c3e5b7d9f2a4c6e8b0d2f4a6c8e0b2d4f6a8c0e2b4d6f8a0c2e4b6d',
} as const;

export const AUDIT_PAGE = { items: [AUDIT_RECORD], nextCursor: 'YXVkaXQ6NDI' } as const;

const csvCell = (text: string): string => `"${text.replaceAll('"', '""')}"`;

export const AUDIT_CSV =
  'seq,at,type,actor,role,ip,accountId,strategyId,orderId,detail,prevHash,hash\n' +
  [
    AUDIT_RECORD.seq,
    AUDIT_RECORD.at,
    AUDIT_RECORD.type,
    AUDIT_RECORD.actor,
    '',
    '',
    AUDIT_RECORD.accountId,
    AUDIT_RECORD.strategyId,
    AUDIT_RECORD.orderId,
    csvCell(JSON.stringify(AUDIT_RECORD.detail)),
    AUDIT_RECORD.prevHash,
    AUDIT_RECORD.hash,
  ].join(',') +
  '\n';

export const CHAIN_GOOD = {
  ok: true,
  checked: 42,
  head: { seq: 42, hash: AUDIT_RECORD.hash },
} as const;

export const CHAIN_BROKEN = {
  ok: false,
  checked: 16,
  firstBadSeq: 17,
  reason: 'HASH',
  head: { seq: 16, hash: AUDIT_RECORD.prevHash },
} as const;
