import { openApiValidator, toJsonSchema, type OpenApiDocument } from './openapi.js';

describe('toJsonSchema', () => {
  it.each([
    ['a nullable scalar', { type: 'string', nullable: true }, { type: ['string', 'null'] }],
    [
      'a nullable enum, whose values then include null',
      { type: 'string', enum: ['BUY', 'SELL'], nullable: true },
      { type: ['string', 'null'], enum: ['BUY', 'SELL', null] },
    ],
    [
      'a nullable reference',
      { type: 'object', nullable: true, allOf: [{ $ref: '#/components/schemas/A' }] },
      {
        anyOf: [{ type: 'object', allOf: [{ $ref: 'openapi#/definitions/A' }] }, { type: 'null' }],
      },
    ],
    [
      'an object with properties, closed',
      { type: 'object', properties: { a: { type: 'integer', example: 1 } } },
      { type: 'object', properties: { a: { type: 'integer' } }, additionalProperties: false },
    ],
    [
      'an open map, left open',
      { type: 'object', properties: {}, additionalProperties: true },
      { type: 'object', properties: {}, additionalProperties: true },
    ],
  ])('converts %s', (_name, openapi, json) => {
    expect(toJsonSchema(openapi, true)).toEqual(json);
  });
});

describe('openApiValidator', () => {
  const document: OpenApiDocument = {
    paths: {},
    components: {
      schemas: {
        Order: {
          type: 'object',
          required: ['orderId', 'price'],
          properties: {
            orderId: { type: 'string' },
            price: { type: 'number', nullable: true },
            at: { type: 'string', format: 'date-time' },
          },
        },
      },
    },
  };
  const order = { $ref: '#/components/schemas/Order' };

  it.each([
    ['a full order', { orderId: 'Q1', price: 11.6, at: '2026-11-24T02:15:00.120Z' }, true],
    ['a null where nullable', { orderId: 'Q1', price: null }, true],
    ['a field the document does not name', { orderId: 'Q1', price: 1, extra: 1 }, false],
    ['a missing required field', { orderId: 'Q1' }, false],
    ['a wrong type', { orderId: 1, price: 1 }, false],
    ['a time that is not ISO-8601', { orderId: 'Q1', price: 1, at: 'yesterday' }, false],
  ])('checks %s', (_name, value, valid) => {
    expect(openApiValidator(document).check(order, value) === null).toBe(valid);
  });

  it('names the offending field', () => {
    expect(openApiValidator(document).check(order, { orderId: 'Q1', price: 'x' })).toMatch(
      /^\/price must be number,null/,
    );
  });
});
