import fc from 'fast-check';
import {
  LineDecoder,
  encodeBridgeMessage,
  parseBridgeLine,
  reconnectDelayMs,
} from './bridge-protocol.js';

const welcome = {
  type: 'welcome',
  protocol: 1,
  bridge_version: '1.0.0',
  bridge_id: 'abc',
  trader: 'connected',
  session_id: 123456,
  accounts: [{ account_id: '8880001', account_type: 2 }],
  dropped_events: 0,
  heartbeat_interval_ms: 5000,
  capabilities: { trader: ['order_stock_async'], xtdata: [] },
};
const event = {
  type: 'event',
  callback: 'on_stock_order',
  data: { order_id: 1, order_status: 50, field_from_a_newer_build: 'x' },
  session_id: 123456,
  seq: 4,
};

describe('parseBridgeLine', () => {
  it.each([
    ['welcome', welcome],
    ['event', event],
    [
      'status',
      {
        type: 'status',
        trader: 'connecting',
        session_id: null,
        attempt: 2,
        accounts: [],
        reason: 'r',
      },
    ],
    ['quote', { type: 'quote', sub_id: 3, data: { '600000.SH': [] }, seq: 9 }],
    ['ok response', { type: 'response', id: 7, ok: true, result: null }],
    [
      'failed response',
      { type: 'response', id: 'x', ok: false, error: { code: 'TIMEOUT', message: 'm' } },
    ],
    ['error', { type: 'error', code: 'BAD_JSON', message: 'm' }],
    ['heartbeat', { type: 'heartbeat', ts: 1 }],
  ])('accepts a %s', (_name, message) => {
    const parsed = parseBridgeLine(JSON.stringify(message));
    expect(parsed).toEqual({ kind: 'message', message });
  });

  it('keeps callback fields it does not know', () => {
    const parsed = parseBridgeLine(JSON.stringify(event));
    expect(
      parsed.kind === 'message' && parsed.message.type === 'event' && parsed.message.data,
    ).toEqual(event.data);
  });

  it.each([
    ['not JSON', '{"type":'],
    ['an array', '[1]'],
    ['an unknown type', '{"type":"surprise"}'],
    ['a trader state it does not know', JSON.stringify({ ...welcome, trader: 'asleep' })],
    ['an event with no data', JSON.stringify({ ...event, data: undefined })],
    ['an event with a data array', JSON.stringify({ ...event, data: [1] })],
    ['a response with neither result flag', JSON.stringify({ type: 'response', id: 1, ok: 'yes' })],
    ['a failed response with no error', JSON.stringify({ type: 'response', id: 1, ok: false })],
  ])('refuses %s', (_name, line) => {
    expect(parseBridgeLine(line).kind).toBe('invalid');
  });
});

describe('LineDecoder', () => {
  it('reassembles lines split anywhere, in order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\n') && s.trim() !== ''),
          {
            maxLength: 8,
          },
        ),
        fc.array(fc.nat(), { maxLength: 10 }),
        (lines, cuts) => {
          const text = lines.map((l) => `${l}\n`).join('');
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const decoder = new LineDecoder();
          const out: string[] = [];
          let from = 0;
          for (const point of [...points, text.length]) {
            const got = decoder.push(text.slice(from, point));
            expect(got).not.toBe('overflow');
            out.push(...(got as string[]));
            from = point;
          }
          expect(out).toEqual(lines);
        },
      ),
    );
  });

  it('accepts a partial line at the limit and overflows one past it', () => {
    expect(new LineDecoder(4).push('abcd')).toEqual([]);
    expect(new LineDecoder(4).push('abcde')).toBe('overflow');
  });
});

describe('encodeBridgeMessage', () => {
  it('writes one line per message', () => {
    expect(encodeBridgeMessage({ type: 'heartbeat', ts: 5 })).toBe('{"type":"heartbeat","ts":5}\n');
  });
});

describe('reconnectDelayMs', () => {
  it.each([
    [1, 500],
    [2, 1000],
    [3, 2000],
    [7, 30_000],
    [1000, 30_000],
    [0, 500],
  ])('attempt %p waits %p ms', (attempt, delay) => {
    expect(reconnectDelayMs(attempt, 500, 30_000)).toBe(delay);
  });

  it('never shrinks and never passes the ceiling', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 10_000 }),
        (attempt, initial) => {
          const max = initial * 50;
          const now = reconnectDelayMs(attempt, initial, max);
          expect(now).toBeLessThanOrEqual(max);
          expect(reconnectDelayMs(attempt + 1, initial, max)).toBeGreaterThanOrEqual(now);
        },
      ),
    );
  });
});
