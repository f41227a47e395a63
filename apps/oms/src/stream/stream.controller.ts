import { Controller, Headers, Sse, type MessageEvent } from '@nestjs/common';
import type { StreamRow } from '@qmt/persistence';
import { ApiError, CurrentPrincipal, type Principal } from '@qmt/runtime';
import { Observable } from 'rxjs';
import { UpdateStream } from './update-stream.js';

/** SSE event name of each log entry (API.md: order, trade, position, asset, connector). */
function kindOf(row: StreamRow): string {
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

@Controller('v1/stream')
export class StreamController {
  constructor(private readonly stream: UpdateStream) {}

  /**
   * Server-Sent Events of every change the caller may see; the event id is the log position,
   * so a client that reconnects with Last-Event-ID resumes without a gap.
   */
  @Sse()
  updates(
    @CurrentPrincipal() principal: Principal,
    @Headers('last-event-id') lastEventId?: string,
  ): Observable<MessageEvent> {
    let from: number | null = null;
    if (lastEventId !== undefined) {
      from = Number(lastEventId);
      if (!Number.isSafeInteger(from) || from < 0) {
        throw ApiError.field('Last-Event-ID', 'Last-Event-ID must be an event id this stream sent');
      }
    }
    return new Observable<MessageEvent>((subscriber) => {
      let subscription: { close(): void } | undefined;
      let cancelled = false;
      const start = async (): Promise<void> => {
        const position = from ?? (await this.stream.head());
        if (cancelled) {
          return;
        }
        subscription = this.stream.subscribe(position, (rows) => {
          for (const row of rows) {
            if (visibleTo(principal, row)) {
              subscriber.next({
                id: String(row.seq),
                type: kindOf(row),
                data: {
                  eventId: row.eventId,
                  type: row.type,
                  accountId: row.accountId,
                  orderId: row.orderId,
                  strategyId: row.strategyId,
                  status: row.stateAfter,
                  ts: row.ts.toISOString(),
                  payload: row.payload,
                },
              });
            }
          }
        });
      };
      start().catch((error: unknown) => subscriber.error(error));
      return () => {
        cancelled = true;
        subscription?.close();
      };
    });
  }
}
