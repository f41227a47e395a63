import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ApiError, type FieldProblem } from './api-error.js';

function flatten(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = prefix === '' ? error.property : `${prefix}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/** Whitelisting validation: unknown fields are refused, and the 400 names every bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const summary = fields.map((f) => `${f.path}: ${f.message}`).join('; ');
      return ApiError.badRequest(summary === '' ? 'invalid request' : summary, fields);
    },
  });
}

/**
 * The same validation for a transport without Nest pipes (gRPC): whitelist, no unknown fields,
 * and a 400-style ApiError naming every bad field.
 */
export async function validateInput<T extends object>(
  type: new () => T,
  plain: Record<string, unknown>,
): Promise<T> {
  const instance = plainToInstance(type, plain, { enableImplicitConversion: false });
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const fields = flatten(errors);
    throw ApiError.badRequest(fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields);
  }
  return instance;
}
