import { ApiProperty } from '@nestjs/swagger';
import { ORDER_STATES } from '../queries/list-query.dto.js';

/** The `data` of one Server-Sent Event; its `event` is the kind, its `id` the resume position. */
export class StreamUpdateDto {
  @ApiProperty({ example: 'status:Q01JD3Z8X4K2M9P7R5T:50:0' }) eventId!: string;

  @ApiProperty({ description: 'CREATED, RISK_APPROVED, ORDER_STATUS, TRADE, POSITION, ASSET, …' })
  type!: string;

  @ApiProperty({ example: 'SIM-STOCK' }) accountId!: string;
  @ApiProperty({ type: 'string', nullable: true }) orderId!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) strategyId!: string | null;

  @ApiProperty({
    enum: ORDER_STATES,
    nullable: true,
    description: "the order's state after the event; null for account-level updates",
  })
  status!: string | null;

  @ApiProperty({ type: 'string', format: 'date-time' }) ts!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload!: Record<string, unknown>;
}

export const STREAM_EXAMPLE =
  'id: 1042-3\n' +
  'event: order\n' +
  'data: {"eventId":"status:Q01JD3Z8X4K2M9P7R5T:50:0","type":"ORDER_STATUS",' +
  '"accountId":"SIM-STOCK","orderId":"Q01JD3Z8X4K2M9P7R5T","strategyId":"alpha",' +
  '"status":"ORDER_REPORTED","ts":"2026-11-24T02:15:00.160Z","payload":{"xtStatus":50}}\n\n';
