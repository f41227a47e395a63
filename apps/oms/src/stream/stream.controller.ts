import { Controller, Headers, Sse, type MessageEvent } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { LogPosition } from '@qmt/persistence';
import {
  Allow,
  ApiError,
  ApiErrors,
  CurrentPrincipal,
  Operation,
  badField,
  type Principal,
} from '@qmt/runtime';
import { map, type Observable } from 'rxjs';
import { STREAM_EXAMPLE, StreamUpdateDto } from './stream.response.js';
import { UpdateStream } from './update-stream.js';
import { parsePosition } from './updates.js';

@ApiTags('Stream')
@Controller('v1/stream')
@Allow(Operation.READ_BLOTTER)
export class StreamController {
  constructor(private readonly stream: UpdateStream) {}

  /**
   * Server-Sent Events of every change the caller may see; the event id is the log position,
   * so a client that reconnects with Last-Event-ID resumes without a gap.
   */
  @Sse()
  @ApiOperation({
    summary: 'Stream updates (Server-Sent Events)',
    description:
      'Every order, trade, position, asset and connector update the caller may see. Each ' +
      `event's name is the kind, its data a JSON ${getSchemaPath(StreamUpdateDto)}, its id ` +
      'the position to resume after with Last-Event-ID.',
  })
  @ApiHeader({
    name: 'Last-Event-ID',
    required: false,
    description: 'resume after this event id (as the stream sent it)',
    example: '1042-3',
  })
  @ApiExtraModels(StreamUpdateDto)
  @ApiOkResponse({
    description: 'text/event-stream; data of each event is a StreamUpdateDto',
    content: { 'text/event-stream': { schema: { type: 'string' }, example: STREAM_EXAMPLE } },
  })
  @ApiErrors({
    400: [badField('Last-Event-ID', 'Last-Event-ID must be an event id this stream sent')],
  })
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
