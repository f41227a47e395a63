import { ApiProperty } from '@nestjs/swagger';

export class LivenessDto {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ready', 'not ready'] }) status!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'boolean' },
    description: 'each registered check (database, bus, connector sessions) and whether it passes',
  })
  checks!: Record<string, boolean>;
}

export const METRICS_EXAMPLE =
  '# HELP qmt_orders_submitted_total Orders accepted at the front door\n' +
  '# TYPE qmt_orders_submitted_total counter\n' +
  'qmt_orders_submitted_total{account="SIM-STOCK",strategy="alpha"} 12\n';
