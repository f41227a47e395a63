import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const ORDER_STATES = [
  'PENDING_RISK',
  'REJECTED',
  'ROUTED',
  'ORDER_UNREPORTED',
  'ORDER_WAIT_REPORTING',
  'ORDER_REPORTED',
  'ORDER_REPORTED_CANCEL',
  'ORDER_PARTSUCC_CANCEL',
  'ORDER_PART_CANCEL',
  'ORDER_CANCELED',
  'ORDER_PART_SUCC',
  'ORDER_SUCCEEDED',
  'ORDER_JUNK',
  'ORDER_UNKNOWN',
] as const;

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$/;

/** Filters and paging shared by the blotter lists (API.md): each bad one is a 400 naming it. */
export class ListTradesQuery {
  @ApiPropertyOptional({ example: 'SIM-STOCK' })
  @IsOptional()
  @Matches(ID, { message: 'accountId must be a desk account id' })
  accountId?: string;

  @ApiPropertyOptional({ description: 'a strategy sees only its own', example: 'alpha' })
  @IsOptional()
  @Matches(ID, { message: 'strategyId must be a strategy id' })
  strategyId?: string;

  @ApiPropertyOptional({ example: '000001.SZ' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9]{1,12}\.[A-Z]{2,3}$/, { message: 'symbol must look like 600000.SH' })
  symbol?: string;

  @ApiPropertyOptional({ description: 'ISO-8601, inclusive', example: '2026-11-24T01:30:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 time' })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO-8601, exclusive', example: '2026-11-24T07:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 time' })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  cursor?: string;
}

export class ListOrdersQuery extends ListTradesQuery {
  @ApiPropertyOptional({ enum: ORDER_STATES })
  @IsOptional()
  @IsIn(ORDER_STATES, { message: `status must be one of ${ORDER_STATES.join(', ')}` })
  status?: string;

  @ApiPropertyOptional({ description: 'children of an algo parent' })
  @IsOptional()
  @Matches(/^Q[0-9A-Z]{18}$/, { message: 'parentId must be an order id' })
  parentId?: string;
}

/** GET /v1/positions and gRPC ListPositions. */
export class ListPositionsQuery {
  @ApiPropertyOptional({ example: 'SIM-STOCK' })
  @IsOptional()
  @Matches(ID, { message: 'accountId must be a desk account id' })
  accountId?: string;

  @ApiPropertyOptional({ example: 'alpha' })
  @IsOptional()
  @Matches(ID, { message: 'strategyId must be a strategy id' })
  strategyId?: string;
}
