import { Controller, Headers, Sse, type MessageEvent } from '@nestjs/common';
import type { LogPosition } from '@qmt/persistence';
import { Allow, ApiError, CurrentPrincipal, Operation, type Principal } from '@qmt/runtime';
import { map, type Observable } from 'rxjs';
import { UpdateStream } from './update-stream.js';
import { parsePosition } from './updates.js';

@Controller('v1/stream')
@Allow(Operation.READ_BLOTTER)
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
    let from: LogPosition | null = null;
    if (lastEventId !== undefined) {
      from = parsePosition(lastEventId);
      if (from === null) {
        throw ApiError.field('Last-Event-ID', 'Last-Event-ID must be an event id this stream sent');
      }
    }
    return this.stream
      .updates(principal, from)
      .pipe(map(({ position, kind, ...data }) => ({ id: position, type: kind, data })));
  }
}
