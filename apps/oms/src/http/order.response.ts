import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RULE_CODES } from '@qmt/domain';
import { ORDER_STATES } from '../queries/list-query.dto.js';
import { AlgoDetailDto } from './algo-detail.response.js';

/**
 * Codes a rejection carries: the risk catalogue's, plus the two the risk service answers for a
 * request it cannot check at all (a malformed order, an algo parent it cannot find).
 */
export const REJECTION_RULES = [...RULE_CODES, 'INVALID_ORDER', 'UNKNOWN_ORDER'] as const;

const ISO = { type: 'string', format: 'date-time' } as const;

export class RejectionDto {
  @ApiProperty({ enum: REJECTION_RULES, example: 'PRICE_LIMIT' })
  rule!: string;

  @ApiProperty({ example: 'price 13.00 is above the up limit 12.65' })
  message!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the compared values (observed, limit, …) as the rule gave them',
    example: { observed: '13.00', limit: '12.65' },
  })
  details!: Record<string, unknown>;
}

/** An order as API.md names its fields (orderJson). Prices are yuan. */
export class OrderDto {
  @ApiProperty({
    description: 'the gateway id: Q and 18 characters',
    example: 'Q01JD3Z8X4K2M9P7R5T',
  })
  orderId!: string;

  @ApiProperty({ example: 'alpha-20261124-0001' })
  clientOrderId!: string;

  @ApiProperty({ example: 'SIM-STOCK' })
  accountId!: string;

  @ApiProperty({ example: 'alpha' })
  strategyId!: string;

  @ApiProperty({ example: '000001.SZ' })
  symbol!: string;

  @ApiProperty({
    enum: ['BUY', 'SELL'],
    nullable: true,
    description: 'null when the order was given as an xt orderType with no plain side',
  })
  side!: 'BUY' | 'SELL' | null;

  @ApiProperty({ type: 'integer', description: 'xtconstant order_type', example: 23 })
  orderType!: number;

  @ApiProperty({
    description: 'LIMIT, LATEST, an xtconstant MARKET_* name, or the code as text',
    example: 'LIMIT',
  })
  priceType!: string;

  @ApiProperty({ type: 'number', nullable: true, description: 'yuan; null unless LIMIT' })
  price!: number | null;

  @ApiProperty({ type: 'integer', example: 100 })
  quantity!: number;

  @ApiProperty({ type: 'integer', example: 0 })
  filledQuantity!: number;

  @ApiProperty({ type: 'number', nullable: true, description: 'yuan; null before a fill' })
  avgFillPrice!: number | null;

  @ApiProperty({ enum: ORDER_STATES, example: 'ROUTED' })
  status!: string;

  @ApiProperty({ type: 'integer', nullable: true, description: 'the last xt order_status' })
  xtStatus!: number | null;

  @ApiProperty({ type: 'string', nullable: true, description: "the broker's order_id" })
  brokerOrderId!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: "the exchange's order_sysid" })
  brokerSysId!: string | null;

  @ApiProperty({ type: 'string', nullable: true, description: 'the algo parent of a child' })
  parentId!: string | null;

  @ApiProperty({ type: () => RejectionDto, nullable: true, description: 'set when REJECTED' })
  rejection!: RejectionDto | null;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: "the broker's last status_msg or error text",
  })
  statusMessage!: string | null;

  @ApiProperty(ISO)
  createdAt!: string;

  @ApiProperty(ISO)
  updatedAt!: string;
}

/** One lifecycle event of an order, oldest first. */
export class OrderEventDto {
  @ApiProperty({ type: 'integer' })
  seq!: number;

  @ApiProperty({ description: 'deterministic where the broker gives identity' })
  eventId!: string;

  @ApiProperty({ description: 'CREATED, RISK_APPROVED, ORDER_STATUS, TRADE, …' })
  type!: string;

  @ApiProperty({
    enum: ORDER_STATES,
    nullable: true,
    description: "a status report's xt status name, else the order's state after the event",
  })
  status!: string | null;

  @ApiProperty({ type: 'integer', nullable: true })
  xtStatus!: number | null;

  @ApiProperty({ enum: ORDER_STATES, nullable: true })
  stateAfter!: string | null;

  @ApiProperty({ description: 'applied, ignored:<reason> or illegal:<from>-><to>' })
  outcome!: string;

  @ApiProperty({ description: 'oms, risk or the connector' })
  source!: string;

  @ApiProperty(ISO)
  ts!: string;

  @ApiProperty({ type: 'object', additionalProperties: true })
  payload!: Record<string, unknown>;
}

/** A fill (tradeJson). Prices and money are yuan. */
export class TradeDto {
  @ApiProperty({ description: "the broker's traded_id", example: 'T000000123' })
  tradeId!: string;

  @ApiProperty({ type: 'string', nullable: true, description: 'null for a trade of no order here' })
  orderId!: string | null;

  @ApiProperty({ example: 'SIM-STOCK' })
  accountId!: string;

  @ApiProperty({ type: 'string', nullable: true })
  strategyId!: string | null;

  @ApiProperty({ example: '000001.SZ' })
  symbol!: string;

  @ApiProperty({ enum: ['BUY', 'SELL'], nullable: true })
  side!: 'BUY' | 'SELL' | null;

  @ApiProperty({ type: 'integer', example: 100 })
  quantity!: number;

  @ApiProperty({ type: 'number', example: 11.45 })
  price!: number;

  @ApiProperty({ type: 'number', example: 1145 })
  amount!: number;

  @ApiProperty({ type: 'number', example: 5 })
  commission!: number;

  @ApiProperty(ISO)
  tradedAt!: string;
}

/** GET /v1/orders/{orderId}: the order, its events and trades; an algo parent's children. */
export class OrderDetailDto extends OrderDto {
  @ApiProperty({ type: () => [OrderEventDto] })
  events!: OrderEventDto[];

  @ApiProperty({ type: () => [TradeDto] })
  trades!: TradeDto[];

  @ApiPropertyOptional({ type: () => [OrderDto], description: 'algo parents only' })
  children?: OrderDto[];

  @ApiPropertyOptional({ type: () => AlgoDetailDto, description: 'algo parents only' })
  algo?: AlgoDetailDto;
}

export class OrderPageDto {
  @ApiProperty({ type: () => [OrderDto] })
  items!: OrderDto[];

  @ApiProperty({ type: 'string', nullable: true, description: 'pass as cursor for the next page' })
  nextCursor!: string | null;
}

export class TradePageDto {
  @ApiProperty({ type: () => [TradeDto] })
  items!: TradeDto[];

  @ApiProperty({ type: 'string', nullable: true, description: 'pass as cursor for the next page' })
  nextCursor!: string | null;
}
