// The OpenAPI document as a contract test sees it: its 3.0 schemas turned into JSON Schema for
// ajv, tightened so an undocumented field or a missing required one fails validation.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export interface MediaObject {
  readonly schema?: JsonObject;
  readonly example?: Json;
  readonly examples?: Record<string, { readonly value?: Json }>;
}

export interface OperationObject {
  readonly summary?: string;
  readonly tags?: readonly string[];
  readonly security?: readonly Record<string, readonly string[]>[];
  readonly responses: Record<string, { readonly content?: Record<string, MediaObject> }>;
  readonly [extension: string]: unknown;
}

export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OperationObject>>;
  readonly components: { readonly schemas: Record<string, JsonObject> };
  readonly security?: readonly Record<string, readonly string[]>[];
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Keywords OpenAPI 3.0 adds to JSON Schema that only annotate; ajv would call them unknown.
const ANNOTATIONS = new Set(['example', 'examples', 'xml', 'externalDocs', 'discriminator']);

/**
 * One OpenAPI 3.0 schema as JSON Schema: `nullable` becomes a null alternative, refs point into
 * the converted components, and (`closed`) every object with properties refuses other fields.
 */
export function toJsonSchema(node: Json, closed: boolean): Json {
  if (Array.isArray(node)) {
    return node.map((item) => toJsonSchema(item, closed));
  }
  if (!isObject(node)) {
    return node;
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (ANNOTATIONS.has(key) || key === 'nullable' || key.startsWith('x-')) {
      continue;
    }
    if (key === 'properties' && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, schema]) => [name, toJsonSchema(schema, closed)]),
      );
    } else if (key === '$ref' && typeof value === 'string') {
      out[key] = value.replace('#/components/schemas/', 'openapi#/definitions/');
    } else {
      out[key] = toJsonSchema(value, closed);
    }
  }
  if (closed && isObject(node.properties) && node.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  if (node.nullable !== true) {
    return out;
  }
  const composed = ['$ref', 'allOf', 'anyOf', 'oneOf'].some((key) => key in out);
  if (!composed && typeof out.type === 'string') {
    const widened: JsonObject = { ...out, type: [out.type, 'null'] };
    if (Array.isArray(out.enum)) {
      widened.enum = [...out.enum, null];
    }
    return widened;
  }
  return { anyOf: [out, { type: 'null' }] };
}

export interface Validator {
  /** null when value matches, else ajv's complaints, one a line. */
  check(schema: JsonObject, value: unknown): string | null;
}

/** An ajv instance holding the document's components as `openapi#/definitions/<name>`. */
export function openApiValidator(document: OpenApiDocument, closed = true): Validator {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats.default(ajv);
  ajv.addSchema(
    {
      $id: 'openapi',
      definitions: Object.fromEntries(
        Object.entries(document.components.schemas).map(([name, schema]) => [
          name,
          toJsonSchema(schema, closed),
        ]),
      ),
    },
    'openapi',
  );
  const compiled = new Map<string, ValidateFunction>();
  return {
    check(schema, value) {
      const key = JSON.stringify(schema);
      let validate = compiled.get(key);
      if (validate === undefined) {
        validate = ajv.compile(toJsonSchema(schema, closed) as JsonObject);
        compiled.set(key, validate);
      }
      if (validate(value)) {
        return null;
      }
      return (validate.errors ?? [])
        .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
        .join('\n');
    },
  };
}

/** Every operation of the document as [`METHOD /path`, operation]. */
export function operationsOf(document: OpenApiDocument): [string, OperationObject][] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = item[method];
      return operation === undefined
        ? []
        : [[`${method.toUpperCase()} ${path}`, operation] as [string, OperationObject]];
    }),
  );
}

/** The examples a media object shows, named. */
export function examplesOf(media: MediaObject): [string, Json][] {
  const named = Object.entries(media.examples ?? {}).flatMap(([name, example]) =>
    example.value === undefined ? [] : [[name, example.value] as [string, Json]],
  );
  return media.example === undefined ? named : [['example', media.example], ...named];
}
