import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AUDIT_TYPES } from '@qmt/domain';

const NULLABLE_TEXT = { type: 'string', nullable: true } as const;

export class AuditRecordDto {
  @ApiProperty({ type: 'integer', description: 'position in the chain, from 1' }) seq!: number;
  @ApiProperty({ type: 'string', format: 'date-time' }) at!: string;
  @ApiProperty({ enum: AUDIT_TYPES }) type!: string;
  @ApiProperty({ description: 'a principal id, or oms / risk / operator' }) actor!: string;
  @ApiProperty(NULLABLE_TEXT) role!: string | null;
  @ApiProperty(NULLABLE_TEXT) ip!: string | null;
  @ApiProperty(NULLABLE_TEXT) accountId!: string | null;
  @ApiProperty(NULLABLE_TEXT) strategyId!: string | null;
  @ApiProperty(NULLABLE_TEXT) orderId!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'a shape per type' })
  detail!: Record<string, unknown>;

  @ApiProperty({ description: 'hash of the record before, hex' }) prevHash!: string;
  @ApiProperty({ description: 'sha256(prevHash ‖ canonical record), hex' }) hash!: string;
}

export class AuditPageDto {
  @ApiProperty({ type: () => [AuditRecordDto] }) items!: AuditRecordDto[];

  @ApiProperty({ type: 'string', nullable: true, description: 'pass as cursor for the next page' })
  nextCursor!: string | null;
}

export class ChainHeadDto {
  @ApiProperty({ type: 'integer' }) seq!: number;
  @ApiProperty() hash!: string;
}

export class ChainReportDto {
  @ApiProperty() ok!: boolean;

  @ApiProperty({ type: 'integer', description: 'records found good, from seq 1 on' })
  checked!: number;

  @ApiPropertyOptional({ type: 'integer', description: 'the first record that does not chain' })
  firstBadSeq?: number;

  @ApiPropertyOptional({
    enum: ['GAP', 'PREV_HASH', 'HASH'],
    description: 'GAP: a row deleted; PREV_HASH: a row before replaced; HASH: the row edited',
  })
  reason?: string;

  @ApiProperty({
    type: () => ChainHeadDto,
    nullable: true,
    description: 'the last good record: note it elsewhere to detect a later truncation',
  })
  head!: ChainHeadDto | null;
}
