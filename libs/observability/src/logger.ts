import type { LoggerService } from '@nestjs/common';
import { pino, type Logger, type LoggerOptions } from 'pino';
import { logContext } from './log-context.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Fields that may carry a secret: never written, whatever object they turn up in. */
export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  'apiKey',
  '*.apiKey',
  'previousApiKeys',
  '*.previousApiKeys',
  'token',
  '*.token',
  'password',
  '*.password',
  'key',
  '*.key',
];

/**
 * Structured JSON logs on stdout (LOG_LEVEL); messages are data fields, never concatenated, so
 * user text is JSON-escaped (no forged log lines); secrets are redacted by field name. Every line
 * carries the request id and order fields of the async context it is written in (log-context.ts);
 * fields given to the call itself win over them.
 */
export function createLogger(level: LogLevel | 'silent' = 'info', app = 'qmt-gateway'): Logger {
  return pino(loggerOptions(level, app));
}

/** The options createLogger uses, for a logger on another destination (tests, files). */
export function loggerOptions(level: LogLevel | 'silent', app: string): LoggerOptions {
  return {
    level,
    base: { app },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    mixin: () => ({ ...logContext() }),
  };
}

/** Nest's logger interface over pino, so framework messages come out as JSON too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}
