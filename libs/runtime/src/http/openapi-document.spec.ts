import type { OpenAPIObject, OperationObject } from '@nestjs/swagger';
import {
  completeOpenApiDocument,
  OPERATION_EXTENSION,
  PUBLIC_EXTENSION,
} from './openapi-document.js';

type Operation = OperationObject & Record<string, unknown>;

function documentOf(path: string, method: string, operation: Operation): OpenAPIObject {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: 'v1' },
    paths: { [path]: { [method]: operation } },
  };
}

function completed(method: string, operation: Partial<Operation>): Operation {
  const document = completeOpenApiDocument(
    documentOf('/x', method, { responses: { 200: { description: 'ok' } }, ...operation }),
  );
  return document.paths['/x']![method as 'get'] as Operation;
}

const exampleNames = (operation: Operation, status: string): string[] => {
  const response = operation.responses[status] as
    { content: Record<string, { examples?: Record<string, unknown> }> } | undefined;
  return Object.keys(response?.content['application/json']?.examples ?? {}).sort();
};

describe('completeOpenApiDocument', () => {
  it('marks a public route as needing no key and adds no auth errors', () => {
    const operation = completed('get', { [PUBLIC_EXTENSION]: true });
    expect(operation.security).toEqual([]);
    expect(operation[PUBLIC_EXTENSION]).toBeUndefined();
    expect(Object.keys(operation.responses)).toEqual(['200']);
  });

  it.each([
    ['SUBMIT_ORDER', ['trader'], 'role risk may not call this endpoint (allowed: trader)'],
    [
      'READ_AUDIT',
      ['compliance', 'admin'],
      'role trader may not call this endpoint (allowed: compliance, admin)',
    ],
    [
      'SIM_CONTROL',
      ['risk', 'admin'],
      'role trader may not call this endpoint (allowed: risk, admin)',
    ],
  ])('documents the 403 of %s from the access table', (name, roles, message) => {
    const operation = completed('get', { [OPERATION_EXTENSION]: name });
    expect(operation['x-qmt-roles']).toEqual(roles);
    expect(operation.description).toBe(`Roles: ${roles.join(', ')}.`);
    expect(operation.responses['403']).toMatchObject({
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/ErrorBodyDto' },
          examples: { FORBIDDEN: { value: { error: { code: 'FORBIDDEN', message } } } },
        },
      },
    });
  });

  it('gives no role 403 to a route every role may call, but still 401 and 429', () => {
    const operation = completed('get', { [OPERATION_EXTENSION]: 'READ_BLOTTER' });
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '401', '429']);
    expect(exampleNames(operation, '401')).toEqual(['UNAUTHENTICATED']);
    expect(operation.responses['429']).toMatchObject({
      headers: { 'Retry-After': { schema: { type: 'integer', minimum: 1 } } },
      content: {
        'application/json': {
          examples: { RATE_LIMITED: { value: { error: { retryAfterMs: 1500 } } } },
        },
      },
    });
  });

  it('keeps a route without an operation to 401 and 429', () => {
    const operation = completed('get', {});
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '401', '429']);
    expect(operation['x-qmt-roles']).toBeUndefined();
  });

  it.each([
    ['post', true],
    ['put', true],
    ['delete', true],
    ['get', false],
  ])('%s routes document 413 and malformed JSON: %s', (method, withBody) => {
    const operation = completed(method, { [PUBLIC_EXTENSION]: true });
    expect(operation.responses['413'] !== undefined).toBe(withBody);
    expect(exampleNames(operation, '400')).toEqual(withBody ? ['MALFORMED_JSON'] : []);
  });

  it("keeps the route's own examples beside the shared ones, and its description first", () => {
    const own = {
      description: 'refused',
      content: {
        'application/json': {
          schema: { $ref: '#/components/schemas/ErrorBodyDto' },
          examples: {
            ACCOUNT_NOT_PERMITTED: { value: { error: { code: 'ACCOUNT_NOT_PERMITTED' } } },
          },
        },
      },
    };
    const single = {
      description: 'bad',
      content: { 'application/json': { example: { error: { code: 'VALIDATION_FAILED' } } } },
    };
    const operation = completed('post', {
      [OPERATION_EXTENSION]: 'SUBMIT_ORDER',
      description: 'Submits.',
      responses: { 201: { description: 'created' }, 403: own, 400: single },
    });
    expect(exampleNames(operation, '403')).toEqual(['ACCOUNT_NOT_PERMITTED', 'FORBIDDEN']);
    expect(exampleNames(operation, '400')).toEqual(['MALFORMED_JSON', 'documented']);
    expect(operation.responses['403']).toMatchObject({ description: 'refused' });
    expect(operation.description).toBe('Submits.\n\nRoles: trader.');
  });
});
