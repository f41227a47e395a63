import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class AlgoDto {
  @ApiProperty({ enum: ['VWAP', 'TWAP'], example: 'VWAP' })
  @IsIn(['VWAP', 'TWAP'])
  type!: 'VWAP' | 'TWAP';

  @ApiPropertyOptional({ description: 'exchange time, HH:MM:SS or ISO-8601', example: '10:00:00' })
  @IsOptional()
  @IsString()
  startTime?: string;

  @ApiPropertyOptional({ example: '14:30:00' })
  @IsOptional()
  @IsString()
  endTime?: string;

  @ApiPropertyOptional({ example: 3600 })
  @IsOptional()
  @IsInt()
  @IsPositive()
  durationSeconds?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, example: 0.1 })
  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  maxParticipation?: number;

  @ApiPropertyOptional({ description: 'yuan', example: 11.8 })
  @IsOptional()
  @IsNumber()
  @IsPositive()
  limitPrice?: number;

  @ApiPropertyOptional({
    enum: ['PASSIVE', 'NEUTRAL', 'AGGRESSIVE'],
    description: 'how hard children chase the schedule and the book (default NEUTRAL)',
    example: 'NEUTRAL',
  })
  @IsOptional()
  @IsIn(['PASSIVE', 'NEUTRAL', 'AGGRESSIVE'])
  urgency?: 'PASSIVE' | 'NEUTRAL' | 'AGGRESSIVE';

  @ApiPropertyOptional({
    description: 'slice length in seconds of continuous trading (default 60)',
    minimum: 5,
    maximum: 1800,
    example: 60,
  })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(1800)
  bucketSeconds?: number;
}

/** POST /v1/orders (API.md). Types are checked strictly: "100" is not a quantity. */
export class CreateOrderDto {
  @ApiProperty({ description: 'a desk account the strategy may trade', example: 'SIM-STOCK' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$/, { message: 'accountId must be a desk account id' })
  accountId!: string;

  @ApiProperty({
    description: 'unique per strategy; resubmitting the same body returns the order',
    example: 'alpha-20261124-0001',
  })
  @IsString()
  @MaxLength(64)
  @Matches(/^[\x21-\x7e]+$/, { message: 'clientOrderId must be 1-64 printable ASCII characters' })
  clientOrderId!: string;

  @ApiProperty({ description: 'code with its market suffix', example: '000001.SZ' })
  @IsString()
  @Matches(/^[A-Za-z0-9]{1,12}\.[A-Z]{2,3}$/, {
    message: 'symbol must be a code with its market suffix, e.g. 600000.SH',
  })
  symbol!: string;

  @ApiPropertyOptional({ enum: ['BUY', 'SELL'], description: 'or orderType', example: 'BUY' })
  @IsOptional()
  @IsIn(['BUY', 'SELL'])
  side?: 'BUY' | 'SELL';

  @ApiPropertyOptional({
    description: 'xtconstant order_type (credit, futures, options, ETF); or side',
    example: 23,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  orderType?: number;

  @ApiProperty({ description: 'shares (bonds: 张, futures: lots)', example: 100 })
  @IsInt()
  @IsPositive()
  @Max(100_000_000)
  quantity!: number;

  @ApiProperty({
    description: 'LIMIT, LATEST, an xtconstant MARKET_* name, or the xtconstant code',
    example: 'LIMIT',
    oneOf: [{ type: 'string' }, { type: 'integer' }],
  })
  @IsDefined()
  priceType!: string | number;

  @ApiPropertyOptional({ description: 'yuan, LIMIT orders only', example: 11.6 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @IsPositive()
  price?: number;

  @ApiPropertyOptional({ type: () => AlgoDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => AlgoDto)
  algo?: AlgoDto;
}
