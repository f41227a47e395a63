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
  @IsOptional()
  @Matches(ID, { message: 'accountId must be a desk account id' })
  accountId?: string;

  @IsOptional()
  @Matches(ID, { message: 'strategyId must be a strategy id' })
  strategyId?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9]{1,12}\.[A-Z]{2,3}$/, { message: 'symbol must look like 600000.SH' })
  symbol?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 time' })
  from?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 time' })
  to?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(500)
  limit?: number;

  @IsOptional()
  @IsString()
  cursor?: string;
}

export class ListOrdersQuery extends ListTradesQuery {
  @IsOptional()
  @IsIn(ORDER_STATES, { message: `status must be one of ${ORDER_STATES.join(', ')}` })
  status?: string;

  @IsOptional()
  @Matches(/^Q[0-9A-Z]{18}$/, { message: 'parentId must be an order id' })
  parentId?: string;
}
