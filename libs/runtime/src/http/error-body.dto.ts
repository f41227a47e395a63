import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ description: 'the offending field, dotted for nested ones', example: 'quantity' })
  path!: string;

  @ApiProperty({ example: 'quantity must be a positive number' })
  message!: string;
}

export class ErrorDetailDto {
  @ApiProperty({
    description:
      'machine code: VALIDATION_FAILED, MALFORMED_JSON, UNAUTHENTICATED, FORBIDDEN, ' +
      'ACCOUNT_NOT_PERMITTED, NOT_FOUND, DUPLICATE_CLIENT_ORDER_ID, ORDER_NOT_CANCELLABLE, ' +
      'NOT_AN_ALGO_PARENT, PAYLOAD_TOO_LARGE, RATE_LIMITED, RISK_UNAVAILABLE, a risk rule code ' +
      'on a refused cancel, …; new codes may be added',
    example: 'VALIDATION_FAILED',
  })
  code!: string;

  @ApiProperty({ description: 'a sentence for people; do not parse it', example: 'quantity: …' })
  message!: string;

  @ApiPropertyOptional({ type: () => [FieldProblemDto], description: '400: every bad field' })
  fields?: FieldProblemDto[];

  @ApiPropertyOptional({ description: 'the order concerned (409 duplicate, 503, refused cancel)' })
  orderId?: string;

  @ApiPropertyOptional({ description: '429: milliseconds until the key may call again' })
  retryAfterMs?: number;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'a refused cancel: the compared values of the rule',
  })
  details?: Record<string, unknown>;
}

/** The one error body of the HTTP API (API.md): { error: { code, message, fields? } }. */
export class ErrorBodyDto {
  @ApiProperty({ type: () => ErrorDetailDto })
  error!: ErrorDetailDto;
}
