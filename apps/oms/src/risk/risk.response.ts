import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { KILL_SWITCH_MODES, KILL_SWITCH_SCOPES } from '@qmt/contracts';

// Response shapes of the risk controls (GET/PUT /v1/risk/limits, POST /v1/risk/kill-switch),
// with examples as the shipped sim desk answers (config/desk.yaml `limits:`).

/** The limit document of docs/risk-service.md; its full grammar is in libs/contracts/src/risk/limits.ts. */
export class LimitsResponseDto {
  @ApiProperty({ description: 'bumped by every change; instances poll it', example: 3 })
  version!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'scopes global, accounts, strategies, strategyAccounts, symbols, restricted, programmaticTrading',
  })
  limits!: Record<string, unknown>;
}

export const LIMITS_EXAMPLE = {
  version: 1,
  limits: {
    global: {
      maxOrderQuantity: 1000000,
      maxOrderNotional: 5000000,
      maxPriceDeviation: 0.1,
      maxOpenOrders: 500,
      maxOrdersPerSecond: 50,
      maxDailyOrders: 10000,
      maxDailyLoss: 200000,
    },
    accounts: {},
    strategies: {},
    strategyAccounts: {},
    symbols: {},
    restricted: [],
    programmaticTrading: { messagesPerSecond: 300, messagesPerDay: 20000 },
  },
};

export class KillSwitchScopeResponseDto {
  @ApiProperty({ enum: KILL_SWITCH_SCOPES, example: 'account' })
  type!: string;

  @ApiPropertyOptional({ example: 'SIM-STOCK' })
  id?: string;
}

export class NotCancelledDto {
  @ApiProperty({ example: 'QM8SEX341V5X92114H9' })
  orderId!: string;

  @ApiProperty({ example: 'ORDER_NOT_CANCELLABLE: order is ORDER_SUCCEEDED' })
  reason!: string;
}

export class KillSwitchResponseDto {
  @ApiProperty({ type: KillSwitchScopeResponseDto })
  scope!: KillSwitchScopeResponseDto;

  @ApiProperty({
    enum: KILL_SWITCH_MODES,
    description: 'the mode before the change',
    example: 'ACTIVE',
  })
  before!: string;

  @ApiProperty({ enum: KILL_SWITCH_MODES, example: 'HALTED' })
  mode!: string;

  @ApiProperty({ type: [String], description: 'open orders whose cancel was routed', example: [] })
  cancelled!: string[];

  @ApiProperty({ type: [NotCancelledDto], example: [] })
  notCancelled!: NotCancelledDto[];
}

export const KILL_SWITCH_EXAMPLE = {
  scope: { type: 'account', id: 'SIM-STOCK' },
  before: 'ACTIVE',
  mode: 'HALTED',
  cancelled: ['QM8SEX341V5X92114H9'],
  notCancelled: [],
};
