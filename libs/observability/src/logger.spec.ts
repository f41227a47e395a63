import { pino } from 'pino';
import { Writable } from 'node:stream';
import { REDACTED_PATHS } from './logger.js';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const logger = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, stream);
  return { logger, lines };
}

describe('the logger', () => {
  it.each([
    ['a bearer header', { headers: { authorization: 'Bearer dev-alpha' } }],
    ['an API key', { strategy: { apiKey: 'dev-alpha' } }],
    ['a bridge token', { bridge: { token: 's3cret-dev-alpha' } }],
    ['a TLS key', { tls: { key: 'dev-alpha-PEM' } }],
  ])('never writes %s', (_case, fields) => {
    const { logger, lines } = capture();
    logger.info(fields, 'configured');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('dev-alpha');
    expect(lines[0]).toContain('[redacted]');
  });

  it('keeps hostile text inside one JSON line', () => {
    const { logger, lines } = capture();
    logger.warn({ clientOrderId: 'x\n{"level":60,"msg":"forged"}' }, 'refused');
    expect(lines).toHaveLength(1);
    expect((JSON.parse(lines[0]!) as { clientOrderId: string }).clientOrderId).toContain('forged');
  });
});
