import { ApiProperty } from '@nestjs/swagger';

export class SimTickResultDto {
  @ApiProperty({ example: '000001.SZ' }) symbol!: string;

  @ApiProperty({ type: [String], description: 'the sim connectors that took the quote' })
  sessions!: string[];
}

/** What a simulated terminal does now (SimFaults); rates are probabilities per call. */
export class SimFaultStateDto {
  @ApiProperty({ type: 'number' }) rejectRate!: number;
  @ApiProperty() rejectReason!: string;
  @ApiProperty({ type: 'number' }) duplicateRate!: number;
  @ApiProperty() tradeBeforeOrder!: boolean;
  @ApiProperty() orderBeforeAsyncResponse!: boolean;
  @ApiProperty({ type: 'number' }) lostAsyncResponseRate!: number;
  @ApiProperty({ type: 'number' }) placeMinusOneRate!: number;
  @ApiProperty() cancelLies!: boolean;
  @ApiProperty({ type: 'integer', nullable: true }) priceTypeEcho!: number | null;
  @ApiProperty({ type: 'number' }) unknownStatusRate!: number;
  @ApiProperty() lingeringSession!: boolean;
  @ApiProperty() reusedRemarkAnswersOldId!: boolean;
  @ApiProperty({ type: 'integer' }) placeHangMs!: number;
}

export class SimSessionFaultsDto {
  @ApiProperty({ example: 'sim-1' }) connectorId!: string;
  @ApiProperty({ type: () => SimFaultStateDto }) faults!: SimFaultStateDto;
}

export class SimFaultsResultDto {
  @ApiProperty({ type: () => [SimSessionFaultsDto] }) sessions!: SimSessionFaultsDto[];
}
