import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';

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
 * user text is JSON-escaped (no forged log lines); secrets are redacted by field name.
 */
export function createLogger(level: LogLevel | 'silent' = 'info', app = 'qmt-gateway'): Logger {
  return pino({
    level,
    base: { app },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  });
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
