import type {
  MediaTypeObject,
  OpenAPIObject,
  OperationObject,
  ResponseObject,
} from '@nestjs/swagger';
import type { Role } from '../desk-directory.js';
import { ACCESS, type Operation } from '../security/access-policy.js';
import {
  ERROR_DESCRIPTIONS,
  errorExamples,
  type ErrorExample,
  type ErrorStatus,
} from './api-errors.decorator.js';

/** Extensions the access decorators leave on an operation for this pass to read. */
export const OPERATION_EXTENSION = 'x-qmt-operation';
export const PUBLIC_EXTENSION = 'x-qmt-public';
export const ROLES_EXTENSION = 'x-qmt-roles';

const ERROR_BODY_REF = '#/components/schemas/ErrorBodyDto';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
const WITH_BODY: ReadonlySet<string> = new Set(['post', 'put', 'patch', 'delete']);

const UNAUTHENTICATED: readonly ErrorExample[] = [
  { code: 'UNAUTHENTICATED', message: 'missing Authorization: Bearer <api key>' },
  { code: 'UNAUTHENTICATED', message: 'unknown API key' },
];
const RATE_LIMITED: ErrorExample = {
  code: 'RATE_LIMITED',
  message: 'too many requests for this API key; retry in 1500 ms',
  retryAfterMs: 1500,
};
const RETRY_AFTER = {
  description: 'whole seconds until the key may call again',
  schema: { type: 'integer', minimum: 1 },
} as const;
const MALFORMED_JSON: ErrorExample = {
  code: 'MALFORMED_JSON',
  message: 'the request body is not valid JSON',
};
const PAYLOAD_TOO_LARGE: ErrorExample = {
  code: 'PAYLOAD_TOO_LARGE',
  message: 'request entity too large',
};
const ROLES: readonly Role[] = ['trader', 'risk', 'compliance', 'admin'];

type Extended = OperationObject & Record<string, unknown>;

function isOperation(value: string): value is Operation {
  return Object.hasOwn(ACCESS, value);
}

/**
 * Adds an error example to a response, keeping whatever the route documented itself: a
 * route's own 403 (ACCOUNT_NOT_PERMITTED) and the role 403 sit side by side as two examples.
 */
function addErrors(operation: OperationObject, status: ErrorStatus, examples: ErrorExample[]) {
  const key = String(status);
  const existing = operation.responses[key] as ResponseObject | undefined;
  const media = existing?.content?.['application/json'] ?? { schema: { $ref: ERROR_BODY_REF } };
  const named = { ...(media.examples ?? {}) };
  if (media.example !== undefined) {
    named.documented = { value: media.example as unknown };
  }
  for (const [name, example] of Object.entries(errorExamples(examples))) {
    named[name] ??= example;
  }
  // One shape for every error response: named examples, never a lone `example` beside them.
  const merged: MediaTypeObject = { ...media, examples: named };
  delete merged.example;
  operation.responses[key] = {
    ...existing,
    description: existing?.description ?? ERROR_DESCRIPTIONS[status],
    content: { ...existing?.content, 'application/json': merged },
  };
}

/**
 * Finishes the generated document from the access table, so it cannot disagree with the guard:
 * public routes need no key; every other route documents 401, 429 and (when its operation
 * limits roles) 403 naming them; routes that may carry a body document 413 and malformed JSON.
 */
export function completeOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as Extended | undefined;
      if (operation === undefined) {
        continue;
      }
      if (WITH_BODY.has(method)) {
        addErrors(operation, 400, [MALFORMED_JSON]);
        addErrors(operation, 413, [PAYLOAD_TOO_LARGE]);
      }
      if (operation[PUBLIC_EXTENSION] === true) {
        delete operation[PUBLIC_EXTENSION];
        operation.security = [];
        continue;
      }
      addErrors(operation, 401, [...UNAUTHENTICATED]);
      addErrors(operation, 429, [RATE_LIMITED]);
      (operation.responses['429'] as ResponseObject).headers = { 'Retry-After': RETRY_AFTER };
      const name = operation[OPERATION_EXTENSION];
      if (typeof name === 'string' && isOperation(name)) {
        const roles = ACCESS[name];
        operation[ROLES_EXTENSION] = [...roles];
        operation.description = [operation.description, `Roles: ${roles.join(', ')}.`]
          .filter((line) => line !== undefined && line !== '')
          .join('\n\n');
        const outsider = ROLES.find((role) => !roles.includes(role));
        if (outsider !== undefined) {
          addErrors(operation, 403, [
            {
              code: 'FORBIDDEN',
              message: `role ${outsider} may not call this endpoint (allowed: ${roles.join(', ')})`,
            },
          ]);
        }
      }
    }
  }
  return document;
}
