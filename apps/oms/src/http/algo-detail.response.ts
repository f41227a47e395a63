import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

const ISO = { type: 'string', format: 'date-time' } as const;
const NULLABLE_NUMBER = { type: 'number', nullable: true } as const;
const NULLABLE_INTEGER = { type: 'integer', nullable: true } as const;
const PARENT_STATES = [
  'SCHEDULED',
  'WORKING',
  'PAUSED',
  'CANCELLING',
  'CANCELLED',
  'COMPLETED',
  'EXPIRED',
] as const;

export class AlgoProgressDto {
  @ApiProperty({ type: 'integer' }) filledQuantity!: number;
  @ApiProperty({ type: 'integer' }) workingQuantity!: number;
  @ApiProperty({ type: 'integer' }) remainingQuantity!: number;
  @ApiProperty({ type: 'integer', description: 'not yet sent as a child' })
  unallocatedQuantity!: number;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'yuan' }) avgFillPrice!: number | null;
  @ApiProperty({ type: 'integer', description: 'what the schedule wants filled by now' })
  scheduledQuantity!: number;
  @ApiProperty({ type: 'integer', description: 'filled beyond the schedule (negative: behind)' })
  aheadQuantity!: number;
  @ApiProperty({ type: 'integer' }) childCount!: number;
  @ApiProperty({ type: 'integer' }) workingChildCount!: number;
  @ApiProperty({ type: 'integer' }) nextBucket!: number;
  @ApiProperty({ type: 'integer' }) bucketCount!: number;
}

export class TrackingErrorDto {
  @ApiProperty({ type: 'number' }) max!: number;
  @ApiProperty({ type: 'number' }) rms!: number;
  @ApiProperty({ type: 'integer', description: 'buckets compared (those ended)' })
  buckets!: number;
}

export class AlgoQualityDto {
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'yuan' }) realisedVwap!: number | null;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'yuan' }) marketVwap!: number | null;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'against the market VWAP, + is worse' })
  slippageBps!: number | null;
  @ApiProperty({ type: 'number' }) fillRate!: number;
  @ApiProperty(NULLABLE_NUMBER) participation!: number | null;
  @ApiProperty({ type: 'integer' }) marketVolume!: number;
  @ApiProperty({ type: () => TrackingErrorDto }) trackingError!: TrackingErrorDto;
}

/** One bucket of the schedule against what was sent and filled in it. */
export class AlgoBucketDto {
  @ApiProperty({ type: 'integer' }) index!: number;
  @ApiProperty(ISO) start!: string;
  @ApiProperty(ISO) end!: string;
  @ApiProperty({ type: 'integer' }) cumulativeTarget!: number;
  @ApiProperty(NULLABLE_INTEGER) childQuantity!: number | null;
  @ApiProperty({ type: 'string', nullable: true }) childOrderId!: string | null;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'yuan' }) price!: number | null;
  @ApiProperty({ type: 'string', nullable: true }) priceBasis!: string | null;
  @ApiProperty({ type: 'string', nullable: true }) limitedBy!: string | null;
  @ApiProperty(NULLABLE_NUMBER) participationCap!: number | null;
  @ApiProperty({ type: 'string', nullable: true, description: 'why nothing was sent' })
  skipped!: string | null;
  @ApiProperty(NULLABLE_INTEGER) filledQuantity!: number | null;
  @ApiProperty(NULLABLE_INTEGER) marketVolume!: number | null;
}

/**
 * The `algo` section of an algo parent's detail. Until risk armed the parent it carries
 * `schedule: null` and no progress; afterwards progress, quality and the buckets.
 */
export class AlgoDetailDto {
  @ApiProperty({ enum: ['VWAP', 'TWAP'] }) type!: string;
  @ApiProperty({ enum: ['PASSIVE', 'NEUTRAL', 'AGGRESSIVE'] }) urgency!: string;
  @ApiProperty(ISO) startTime!: string;
  @ApiProperty(ISO) endTime!: string;
  @ApiProperty(NULLABLE_NUMBER) maxParticipation!: number | null;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'yuan' }) limitPrice!: number | null;
  @ApiProperty({ type: 'integer' }) bucketSeconds!: number;
  @ApiProperty({ enum: ['RUNNING', 'PAUSED', 'CANCEL_REQUESTED'] }) control!: string;
  @ApiProperty({ enum: PARENT_STATES }) state!: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'present, and null, only before risk armed the parent',
  })
  schedule?: null;

  @ApiPropertyOptional({ enum: ['DEFAULT_U_SHAPE', 'MINUTE_BARS', 'FLAT'] })
  profileSource?: string;

  @ApiPropertyOptional({ type: () => AlgoProgressDto }) progress?: AlgoProgressDto;
  @ApiPropertyOptional({ type: () => AlgoQualityDto }) quality?: AlgoQualityDto;
  @ApiPropertyOptional({ type: () => [AlgoBucketDto] }) buckets?: AlgoBucketDto[];
}
