import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const rate = { allowNaN: false, allowInfinity: false } as const;

/**
 * POST /v1/sim/faults: what the simulated terminal should do from now on (rates 0–1), and
 * one-shot actions (a disconnect, an account status push). Omitted fields keep their value.
 */
export class SimFaultsDto {
  @ApiPropertyOptional({ description: 'connector id; default every sim connector' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$/)
  connectorId?: string;

  @ApiPropertyOptional({ description: 'drop the session now (on_disconnected, then silence)' })
  @IsOptional()
  @IsBoolean()
  disconnect?: boolean;

  @ApiPropertyOptional({ description: 'after a disconnect, sim ms the terminal refuses connects' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  downForMs?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber(rate)
  @Min(0)
  @Max(1)
  rejectRate?: number;

  @ApiPropertyOptional({ example: '[COUNTER][251005][证券账户状态不正常]' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  rejectReason?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber(rate)
  @Min(0)
  @Max(1)
  duplicateRate?: number;

  @ApiPropertyOptional({ description: 'a trade before the order updates that explain it' })
  @IsOptional()
  @IsBoolean()
  tradeBeforeOrder?: boolean;

  @ApiPropertyOptional({ description: 'an order event before the async response' })
  @IsOptional()
  @IsBoolean()
  orderBeforeAsyncResponse?: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 1 })
  @IsOptional()
  @IsNumber(rate)
  @Min(0)
  @Max(1)
  lostAsyncResponseRate?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'place answers -1, order lives' })
  @IsOptional()
  @IsNumber(rate)
  @Min(0)
  @Max(1)
  placeMinusOneRate?: number;

  @ApiPropertyOptional({ description: 'cancel results report the opposite' })
  @IsOptional()
  @IsBoolean()
  cancelLies?: boolean;

  @ApiPropertyOptional({ description: 'price_type every order echo carries; null: the enum' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(255)
  priceTypeEcho?: number | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, description: 'status 255 before real ones' })
  @IsOptional()
  @IsNumber(rate)
  @Min(0)
  @Max(1)
  unknownStatusRate?: number;

  @ApiPropertyOptional({ description: 'the next connect reuses the old, lingering session id' })
  @IsOptional()
  @IsBoolean()
  lingeringSession?: boolean;

  @ApiPropertyOptional({ description: 'place calls return after this many sim ms, order live' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(600_000)
  placeHangMs?: number;

  @ApiPropertyOptional({ description: 'a reused remark is answered with the earlier order id' })
  @IsOptional()
  @IsBoolean()
  reusedRemarkAnswersOldId?: boolean;

  @ApiPropertyOptional({ description: 'push on_account_status for this broker account id' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  accountStatusOf?: string;

  @ApiPropertyOptional({ description: 'xtconstant account status (0 ok, 3 failed, …)' })
  @IsOptional()
  @IsIn([-1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
  accountStatus?: number;
}
