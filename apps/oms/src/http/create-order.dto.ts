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
  @IsIn(['VWAP', 'TWAP'])
  type!: 'VWAP' | 'TWAP';

  @IsOptional()
  @IsString()
  startTime?: string;

  @IsOptional()
  @IsString()
  endTime?: string;

  @IsOptional()
  @IsInt()
  @IsPositive()
  durationSeconds?: number;

  @IsOptional()
  @IsNumber()
  @Min(0)
  @Max(1)
  maxParticipation?: number;

  @IsOptional()
  @IsNumber()
  @IsPositive()
  limitPrice?: number;
}

/** POST /v1/orders (API.md). Types are checked strictly: "100" is not a quantity. */
export class CreateOrderDto {
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$/, { message: 'accountId must be a desk account id' })
  accountId!: string;

  @IsString()
  @MaxLength(64)
  @Matches(/^[\x21-\x7e]+$/, { message: 'clientOrderId must be 1-64 printable ASCII characters' })
  clientOrderId!: string;

  @IsString()
  @Matches(/^[A-Za-z0-9]{1,12}\.[A-Z]{2,3}$/, {
    message: 'symbol must be a code with its market suffix, e.g. 600000.SH',
  })
  symbol!: string;

  @IsOptional()
  @IsIn(['BUY', 'SELL'])
  side?: 'BUY' | 'SELL';

  @IsOptional()
  @IsInt()
  @Min(0)
  orderType?: number;

  @IsInt()
  @IsPositive()
  @Max(100_000_000)
  quantity!: number;

  @IsDefined()
  priceType!: string | number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 4 })
  @IsPositive()
  price?: number;

  @IsOptional()
  @ValidateNested()
  @Type(() => AlgoDto)
  algo?: AlgoDto;
}
