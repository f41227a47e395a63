import { ApiProperty } from '@nestjs/swagger';

const ISO = { type: 'string', format: 'date-time' } as const;

export class BookPositionDto {
  @ApiProperty({ type: 'string', nullable: true, description: 'null: the unallocated shares' })
  strategyId!: string | null;

  @ApiProperty({ type: 'integer', description: "yesterday's holding plus today's net fills" })
  quantity!: number;
}

export class BrokerPositionDto {
  @ApiProperty({ type: 'integer' }) volume!: number;
  @ApiProperty({ type: 'integer', description: 'can_use_volume (T+1)' }) sellable!: number;
  @ApiProperty({ type: 'integer' }) frozen!: number;
  @ApiProperty({ type: 'number', description: 'yuan' }) avgPrice!: number;
  @ApiProperty(ISO) asOf!: string;
}

/** One account and symbol: the strategy books beside the broker's own position. */
export class PositionDto {
  @ApiProperty({ example: 'SIM-STOCK' }) accountId!: string;
  @ApiProperty({ example: '000001.SZ' }) symbol!: string;
  @ApiProperty({ type: () => [BookPositionDto] }) books!: BookPositionDto[];

  @ApiProperty({
    type: () => BrokerPositionDto,
    nullable: true,
    description: 'null until the broker reported the position',
  })
  broker!: BrokerPositionDto | null;
}

export class PositionListDto {
  @ApiProperty({ type: () => [PositionDto] }) items!: PositionDto[];
}

export class ConnectorStateDto {
  @ApiProperty({ enum: ['UP', 'DOWN', 'UNKNOWN'] }) state!: string;
  @ApiProperty({ description: 'why, as the connector said' }) reason!: string;
  @ApiProperty({ ...ISO, nullable: true, description: 'null: not heard from yet' })
  since!: string | null;
}

/** The broker's last asset report, yuan. */
export class AssetDto {
  @ApiProperty({ type: 'number' }) cash!: number;
  @ApiProperty({ type: 'number' }) frozenCash!: number;
  @ApiProperty({ type: 'number' }) marketValue!: number;
  @ApiProperty({ type: 'number' }) totalAsset!: number;
  @ApiProperty(ISO) asOf!: string;
}

export class AccountDto {
  @ApiProperty({ example: 'SIM-STOCK' }) accountId!: string;
  @ApiProperty({ enum: ['STOCK', 'CREDIT', 'FUTURE', 'STOCK_OPTION'] }) type!: string;
  @ApiProperty({ example: 'sim-1' }) connectorId!: string;
  @ApiProperty({ type: () => ConnectorStateDto }) connector!: ConnectorStateDto;

  @ApiProperty({
    type: () => AssetDto,
    nullable: true,
    description: 'null until the broker reported the asset',
  })
  asset!: AssetDto | null;
}

export class AccountListDto {
  @ApiProperty({ type: () => [AccountDto] }) items!: AccountDto[];
}

/** Reference data and today's limits; prices are yuan. */
export class InstrumentDto {
  @ApiProperty({ example: '000001.SZ' }) symbol!: string;
  @ApiProperty({ example: '平安银行' }) name!: string;

  @ApiProperty({
    enum: ['STOCK', 'ETF', 'LOF', 'CONVERTIBLE_BOND', 'INDEX', 'FUTURE', 'OPTION'],
  })
  type!: string;

  @ApiProperty({
    enum: ['MAIN', 'STAR', 'CHINEXT', 'BSE', 'FUND', 'BOND', 'INDEX', 'FUTURE', 'OPTION'],
  })
  board!: string;

  @ApiProperty({ enum: ['SH', 'SZ', 'BJ', 'SHO', 'SZO', 'IF', 'SF', 'DF', 'ZF', 'INE', 'GF'] })
  market!: string;

  @ApiProperty({
    type: 'integer',
    description: 'shares (bonds: 张, futures: lots); 0: not tradable',
  })
  lotSize!: number;

  @ApiProperty({ type: 'number' }) tickSize!: number;

  @ApiProperty({ type: 'number', nullable: true, description: 'null: no price limit' })
  upLimit!: number | null;

  @ApiProperty({ type: 'number', nullable: true, description: 'null: no price limit' })
  downLimit!: number | null;

  @ApiProperty({ type: 'number' }) preClose!: number;

  @ApiProperty({ type: 'number', nullable: true, description: 'null until live quotes arrive' })
  lastPrice!: number | null;

  @ApiProperty({ type: 'number', nullable: true }) bid!: number | null;
  @ApiProperty({ type: 'number', nullable: true }) ask!: number | null;
  @ApiProperty({ enum: ['TRADING', 'SUSPENDED'] }) status!: string;
}
