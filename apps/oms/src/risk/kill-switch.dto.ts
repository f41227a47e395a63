import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { KILL_SWITCH_MODES, KILL_SWITCH_SCOPES } from '@qmt/contracts';

export class KillSwitchScopeDto {
  @ApiProperty({ enum: KILL_SWITCH_SCOPES, example: 'account' })
  @IsIn(KILL_SWITCH_SCOPES)
  type!: (typeof KILL_SWITCH_SCOPES)[number];

  @ApiPropertyOptional({
    description: 'account or strategy id; absent for global',
    example: 'SIM-STOCK',
  })
  @IsOptional()
  @IsString()
  @MaxLength(48)
  id?: string;
}

/** POST /v1/risk/kill-switch (API.md). */
export class KillSwitchDto {
  @ApiProperty({ type: KillSwitchScopeDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => KillSwitchScopeDto)
  scope!: KillSwitchScopeDto;

  @ApiProperty({ enum: KILL_SWITCH_MODES, example: 'HALTED' })
  @IsIn(KILL_SWITCH_MODES)
  mode!: (typeof KILL_SWITCH_MODES)[number];

  @ApiPropertyOptional({ description: "cancel the scope's open orders too", example: true })
  @IsOptional()
  @IsBoolean()
  cancelOpen?: boolean;

  @ApiPropertyOptional({ description: 'why, for the audit trail', example: 'runaway strategy' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
