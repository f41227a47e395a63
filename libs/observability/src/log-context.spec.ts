import { pino } from 'pino';
import { Writable } from 'node:stream';
import {
  acceptRequestId,
  bindLogContext,
  currentRequestId,
  logContext,
  useAsyncLogContext,
  withLogContext,
} from './log-context.js';
import { loggerOptions } from './logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: pino(loggerOptions('info', 'test'), stream), lines };
}

describe('the log context', () => {
  it.each([
    ['a uuid', '6f1c2b1e-6d3a-4c59-9a57-1f4e0b8f2c11'],
    ['a 128-character id (the longest kept)', 'a'.repeat(128)],
    ['an id with the punctuation tracers use', 'trace:1.2/3+4=5@x_y-z'],
  ])('keeps %s offered by the caller', (_case, offered) => {
    expect(acceptRequestId(offered)).toBe(offered);
  });

  it.each([
    ['a 129-character id', 'a'.repeat(129)],
    ['an id with a newline', 'abc\ndef'],
    ['an id with a space', 'abc def'],
    ['an empty id', ''],
    ['no id', undefined],
    ['a number', 42],
  ])('replaces %s with a fresh uuid', (_case, offered) => {
    const id = acceptRequestId(offered);
    expect(id).not.toBe(offered);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('takes the first of repeated headers', () => {
    expect(acceptRequestId(['first', 'second'])).toBe('first');
  });

  it('puts the request and order fields on every line written inside the context', async () => {
    const { logger, lines } = capture();
    await withLogContext({ requestId: 'req-1' }, async () => {
      logger.info('received');
      bindLogContext({ orderId: 'Q1', clientOrderId: 'c-1', accountId: 'A', strategyId: 's' });
      await Promise.resolve();
      logger.info('after an await');
    });
    logger.info('outside');
    expect(lines.map((l) => [l.msg, l.requestId, l.orderId, l.clientOrderId])).toEqual([
      ['received', 'req-1', undefined, undefined],
      ['after an await', 'req-1', 'Q1', 'c-1'],
      ['outside', undefined, undefined, undefined],
    ]);
    expect(lines[1]).toMatchObject({ accountId: 'A', strategyId: 's' });
  });

  it('lets fields given to the call win over the context', () => {
    const { logger, lines } = capture();
    withLogContext({ orderId: 'Q-context' }, () => logger.info({ orderId: 'Q-call' }, 'x'));
    expect(lines[0]?.orderId).toBe('Q-call');
  });

  it('nests: an inner context adds to the outer one and ends with its function', () => {
    const seen: (string | undefined)[][] = [];
    withLogContext({ requestId: 'outer' }, () => {
      withLogContext({ orderId: 'Q2' }, () => {
        seen.push([currentRequestId(), logContext().orderId]);
      });
      seen.push([currentRequestId(), logContext().orderId]);
    });
    expect(seen).toEqual([
      ['outer', 'Q2'],
      ['outer', undefined],
    ]);
  });

  it('ignores empty values and binding outside any context', () => {
    bindLogContext({ orderId: 'lost' });
    expect(logContext()).toEqual({});
    withLogContext({ requestId: 'r', orderId: '' }, () => {
      expect(logContext()).toEqual({ requestId: 'r' });
    });
  });

  it('when turned off (the connector) runs the function with no fields, and can be turned on again', async () => {
    const { logger, lines } = capture();
    useAsyncLogContext(false);
    try {
      const answer = await withLogContext({ requestId: 'r-off' }, async () => {
        bindLogContext({ orderId: 'Q-off' });
        await Promise.resolve();
        logger.info('off');
        return 42;
      });
      expect(answer).toBe(42);
    } finally {
      useAsyncLogContext(true);
    }
    withLogContext({ requestId: 'r-on' }, () => logger.info('on'));
    expect(lines.map((l) => [l.msg, l.requestId, l.orderId])).toEqual([
      ['off', undefined, undefined],
      ['on', 'r-on', undefined],
    ]);
  });
});
