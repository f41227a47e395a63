import { ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_TYPES } from '@qmt/domain';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** GET /v1/audit and gRPC AuditService.Query: each bad filter is a 400 naming it. */
export class AuditQuery {
  @ApiPropertyOptional({ description: 'ISO-8601, inclusive', example: '2026-11-24T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 time' })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO-8601, exclusive', example: '2026-11-25T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 time' })
  to?: string;

  @ApiPropertyOptional({ description: 'principal id, or oms / risk / operator', example: 'alpha' })
  @IsOptional()
  @Matches(ID, { message: 'actor must be a principal id' })
  actor?: string;

  @ApiPropertyOptional({ example: 'SIM-STOCK' })
  @IsOptional()
  @Matches(ID, { message: 'accountId must be a desk account id' })
  accountId?: string;

  @ApiPropertyOptional({ example: 'alpha' })
  @IsOptional()
  @Matches(ID, { message: 'strategyId must be a strategy id' })
  strategyId?: string;

  @ApiPropertyOptional({ example: 'Q01JD3Z8X4K2M9P7R5T' })
  @IsOptional()
  @Matches(/^Q[0-9A-Z]{18}$/, { message: 'orderId must be an order id' })
  orderId?: string;

  @ApiPropertyOptional({ enum: AUDIT_TYPES, example: 'RISK_DECISION' })
  @IsOptional()
  @IsIn(AUDIT_TYPES, { message: `type must be one of ${AUDIT_TYPES.join(', ')}` })
  type?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100, description: 'JSON pages only' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  cursor?: string;

  @ApiPropertyOptional({
    enum: ['json', 'csv'],
    default: 'json',
    description: 'csv: every matching record from the cursor on, as one download',
  })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}
