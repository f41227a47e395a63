import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import type { FieldProblem } from './api-error.js';
import { MAX_BODY_BYTES } from './body-limits.js';
import { ErrorBodyDto } from './error-body.dto.js';

/** What one documented error looks like: the `error` object of the body. */
export interface ErrorExample {
  readonly code: string;
  readonly message: string;
  readonly fields?: readonly FieldProblem[];
  readonly orderId?: string;
  readonly retryAfterMs?: number;
  readonly details?: Readonly<Record<string, unknown>>;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 503;

export const ERROR_DESCRIPTIONS: Readonly<Record<ErrorStatus, string>> = {
  400: 'Malformed request: the body or a parameter does not validate (fields names each one)',
  401: 'No API key, or one the desk does not know',
  403: "The caller's role or account may not do this",
  404: 'Not found, or not visible to the caller',
  409: 'Conflicts with the current state',
  413: `The request body is larger than ${String(MAX_BODY_BYTES / 1024)} KiB`,
  422: 'Understood but not applied',
  429: "Past the API key's request rate; Retry-After says when to call again",
  503: 'A service the request needs did not answer',
};

/** A 400 for one field, as ApiError.field writes it. */
export function badField(path: string, message: string): ErrorExample {
  return { code: 'VALIDATION_FAILED', message: `${path}: ${message}`, fields: [{ path, message }] };
}

/** Example names in a response: the code, then the field for VALIDATION_FAILED ones. */
export function exampleName(example: ErrorExample): string {
  const field = example.fields?.[0]?.path;
  return field === undefined ? example.code : `${example.code}_${field}`;
}

export function errorExamples(
  examples: readonly ErrorExample[],
): Record<string, { summary: string; value: { error: ErrorExample } }> {
  return Object.fromEntries(
    examples.map((example) => [
      exampleName(example),
      { summary: example.message, value: { error: example } },
    ]),
  );
}

/**
 * Documents the errors a route gives beyond the ones every route shares (401, 403 by role,
 * 429, and 413 on routes with a body, which setupOpenApi adds from the access table).
 */
export function ApiErrors(
  errors: Partial<Record<ErrorStatus, readonly ErrorExample[]>>,
): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...Object.entries(errors).map(([status, examples]) =>
      ApiResponse({
        status: Number(status),
        description: ERROR_DESCRIPTIONS[Number(status) as ErrorStatus],
        type: ErrorBodyDto,
        examples: errorExamples(examples),
      }),
    ),
  );
}
