import type { LogPosition, StreamRow } from '@qmt/persistence';
import type { Principal } from '@qmt/runtime';

/** Kind of update each log entry is (API.md: order, trade, position, asset, connector). */
export type UpdateKind = 'order' | 'trade' | 'position' | 'asset' | 'connector';

export function kindOf(row: StreamRow): UpdateKind {
  switch (row.type) {
    case 'TRADE':
      return 'trade';
    case 'POSITION':
      return 'position';
    case 'ASSET':
      return 'asset';
    case 'CONNECTOR_STATUS':
      return 'connector';
    default:
      return 'order';
  }
}

/** A strategy sees its own orders and trades, and the account-level events of its accounts. */
export function visibleTo(principal: Principal, row: StreamRow): boolean {
  if (!principal.accounts.has(row.accountId)) {
    return false;
  }
  if (principal.strategyId === null) {
    return true;
  }
  const kind = kindOf(row);
  return kind === 'order' || kind === 'trade' ? row.strategyId === principal.strategyId : true;
}

/** One update as both streams send it; `position` resumes after it (SSE id, gRPC cursor). */
export interface Update {
  readonly position: string;
  readonly kind: UpdateKind;
  readonly eventId: string;
  readonly type: string;
  readonly accountId: string;
  readonly orderId: string | null;
  readonly strategyId: string | null;
  readonly status: string | null;
  readonly ts: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export function updateOf(row: StreamRow): Update {
  return {
    position: formatPosition(row.position),
    kind: kindOf(row),
    eventId: row.eventId,
    type: row.type,
    accountId: row.accountId,
    orderId: row.orderId,
    strategyId: row.strategyId,
    status: row.stateAfter,
    ts: row.ts.toISOString(),
    payload: row.payload,
  };
}

/** A log position as clients see it: `<transaction id>-<seq>`, compared part by part. */
export function formatPosition(position: LogPosition): string {
  return `${position.txId}-${position.seq}`;
}

/** A resume position from a client (Last-Event-ID, gRPC cursor); null when malformed. */
export function parsePosition(value: string): LogPosition | null {
  const match = /^(\d{1,15})-(\d{1,15})$/.exec(value);
  if (match === null) {
    return null;
  }
  return { txId: Number(match[1]), seq: Number(match[2]) };
}
