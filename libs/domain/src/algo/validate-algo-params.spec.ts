import { anInstrument, at, isTradingDay } from '@qmt/domain/testing';
import { asPrice } from '../money/index.js';
import type { AlgoParams } from './algo-types.js';
import { formatExchangeTime } from './algo-time.js';
import { validateAlgoParams, type AlgoParamsVerdict } from './validate-algo-params.js';

const stock = anInstrument('600000.SH');
const etf = anInstrument('510300.SH');

function validate(params: Partial<AlgoParams>, now = at('09:00'), instrument = stock) {
  return validateAlgoParams({ type: 'VWAP', ...params }, instrument, now, isTradingDay);
}

function errorsOf(verdict: AlgoParamsVerdict): readonly (readonly [string, string])[] {
  return verdict.ok ? [] : verdict.errors.map((e) => [e.field, e.code] as const);
}

function windowOf(verdict: AlgoParamsVerdict): string {
  if (!verdict.ok) {
    throw new Error(JSON.stringify(verdict.errors));
  }
  return `${formatExchangeTime(verdict.window.start)}-${formatExchangeTime(verdict.window.end)} ${verdict.window.tradingSeconds}s ${verdict.window.buckets.length}b`;
}

describe('validateAlgoParams resolves the window', () => {
  it.each<[string, Partial<AlgoParams>, Date, string]>([
    ['defaults: from now, or the open, to 14:57', {}, at('09:00'), '09:30:00-14:57:00 14220s 237b'],
    [
      'start in the past is now',
      { startTime: '09:45' },
      at('10:00'),
      '10:00:00-14:57:00 12420s 207b',
    ],
    ['a later start is kept', { startTime: '13:30' }, at('10:00'), '13:30:00-14:57:00 5220s 87b'],
    [
      'end 15:00 is cut to 14:57',
      { endTime: '15:00' },
      at('09:30'),
      '09:30:00-14:57:00 14220s 237b',
    ],
    [
      'across lunch',
      { startTime: '11:00', endTime: '13:30' },
      at('09:30'),
      '11:00:00-13:30:00 3600s 60b',
    ],
    [
      'duration counts trading seconds, skipping lunch',
      { startTime: '11:00', durationSeconds: 3600 },
      at('09:30'),
      '11:00:00-13:30:00 3600s 60b',
    ],
    [
      'ISO start with offset',
      { startTime: '2026-11-24T02:00:00Z', endTime: '2026-11-24T10:30:00+08:00' },
      at('09:30'),
      '10:00:00-10:30:00 1800s 30b',
    ],
    [
      'a Date start',
      { startTime: at('10:00'), durationSeconds: 600 },
      at('09:30'),
      '10:00:00-10:10:00 600s 10b',
    ],
    [
      'exactly one slice is enough',
      { startTime: '10:00', endTime: '10:01' },
      at('09:30'),
      '10:00:00-10:01:00 60s 1b',
    ],
    [
      'duration to the last second of the day',
      { startTime: '14:56', durationSeconds: 60 },
      at('09:30'),
      '14:56:00-14:57:00 60s 1b',
    ],
  ])('%s', (_case, params, now, expected) => {
    expect(windowOf(validate(params, now))).toBe(expected);
  });

  it('defaults urgency to NEUTRAL, no cap and no limit, and keeps what is given', () => {
    const plain = validate({});
    const full = validate({
      urgency: 'AGGRESSIVE',
      maxParticipation: 0.1,
      limitPrice: asPrice(105_000),
    });
    expect(plain.ok && plain.params).toEqual({
      type: 'VWAP',
      urgency: 'NEUTRAL',
      maxParticipation: null,
      limitPrice: null,
    });
    expect(full.ok && full.params).toEqual({
      type: 'VWAP',
      urgency: 'AGGRESSIVE',
      maxParticipation: 0.1,
      limitPrice: 105_000,
    });
  });
});

describe('validateAlgoParams refuses, naming the field', () => {
  it.each<[string, Partial<AlgoParams>, Date, readonly (readonly [string, string])[]]>([
    [
      'window inside lunch',
      { startTime: '11:35', endTime: '12:50' },
      at('09:00'),
      [['algo.startTime', 'ALGO_WINDOW_OUTSIDE_SESSION']],
    ],
    [
      'window in the closing call',
      { startTime: '14:57', endTime: '15:00' },
      at('09:00'),
      [['algo.startTime', 'ALGO_WINDOW_OUTSIDE_SESSION']],
    ],
    [
      'submitted after the close',
      {},
      at('15:10'),
      [['algo.startTime', 'ALGO_WINDOW_OUTSIDE_SESSION']],
    ],
    [
      'a holiday',
      { startTime: '2026-10-01T10:00:00+08:00' },
      at('09:00', '2026-10-01'),
      [['algo.startTime', 'ALGO_NOT_TRADING_DAY']],
    ],
    ['a Saturday', {}, at('10:00', '2026-11-28'), [['algo.startTime', 'ALGO_NOT_TRADING_DAY']]],
    [
      'end before start',
      { startTime: '10:30', endTime: '10:00' },
      at('09:00'),
      [['algo.endTime', 'ALGO_WINDOW_ORDER']],
    ],
    [
      'end equal to start',
      { startTime: '10:30', endTime: '10:30' },
      at('09:00'),
      [['algo.endTime', 'ALGO_WINDOW_ORDER']],
    ],
    [
      'end already passed',
      { endTime: '10:00' },
      at('10:30'),
      [['algo.endTime', 'ALGO_WINDOW_ORDER']],
    ],
    [
      'one second short of a slice',
      { startTime: '10:00', endTime: '10:00:59' },
      at('09:00'),
      [['algo.endTime', 'ALGO_WINDOW_TOO_SHORT']],
    ],
    [
      'short only because of lunch',
      { startTime: '11:29:30', endTime: '12:59' },
      at('09:00'),
      [['algo.endTime', 'ALGO_WINDOW_TOO_SHORT']],
    ],
    [
      'duration short of a slice',
      { startTime: '10:00', durationSeconds: 59 },
      at('09:00'),
      [['algo.durationSeconds', 'ALGO_WINDOW_TOO_SHORT']],
    ],
    [
      'duration past the close',
      { startTime: '14:56', durationSeconds: 61 },
      at('09:00'),
      [['algo.durationSeconds', 'ALGO_WINDOW_OUTSIDE_SESSION']],
    ],
    [
      'duration not whole',
      { durationSeconds: 90.5 },
      at('09:00'),
      [['algo.durationSeconds', 'ALGO_DURATION']],
    ],
    [
      'duration zero',
      { durationSeconds: 0 },
      at('09:00'),
      [['algo.durationSeconds', 'ALGO_DURATION']],
    ],
    [
      'both end and duration',
      { endTime: '11:00', durationSeconds: 600 },
      at('09:00'),
      [['algo.durationSeconds', 'ALGO_WINDOW_CONFLICT']],
    ],
    [
      'end on another day',
      { endTime: '2026-11-25T10:00:00+08:00' },
      at('09:00'),
      [['algo.endTime', 'ALGO_WINDOW_OUTSIDE_SESSION']],
    ],
    [
      'zone-less ISO time',
      { startTime: '2026-11-24T10:00:00' },
      at('09:00'),
      [['algo.startTime', 'ALGO_TIME_FORMAT']],
    ],
    ['hour 24', { endTime: '24:00' }, at('09:00'), [['algo.endTime', 'ALGO_TIME_FORMAT']]],
    [
      'participation 0',
      { maxParticipation: 0 },
      at('09:00'),
      [['algo.maxParticipation', 'ALGO_PARTICIPATION']],
    ],
    [
      'participation just over 1',
      { maxParticipation: 1.000001 },
      at('09:00'),
      [['algo.maxParticipation', 'ALGO_PARTICIPATION']],
    ],
    [
      'participation negative',
      { maxParticipation: -0.1 },
      at('09:00'),
      [['algo.maxParticipation', 'ALGO_PARTICIPATION']],
    ],
    [
      'participation NaN',
      { maxParticipation: Number.NaN },
      at('09:00'),
      [['algo.maxParticipation', 'ALGO_PARTICIPATION']],
    ],
    [
      'limit one unit off the 0.01 tick',
      { limitPrice: asPrice(100_001) },
      at('09:00'),
      [['algo.limitPrice', 'ALGO_LIMIT_PRICE']],
    ],
    [
      'limit zero',
      { limitPrice: asPrice(0) },
      at('09:00'),
      [['algo.limitPrice', 'ALGO_LIMIT_PRICE']],
    ],
    [
      'every failing field at once',
      { maxParticipation: 2, limitPrice: asPrice(100_050), startTime: '10:30', endTime: '10:00' },
      at('09:00'),
      [
        ['algo.maxParticipation', 'ALGO_PARTICIPATION'],
        ['algo.limitPrice', 'ALGO_LIMIT_PRICE'],
        ['algo.endTime', 'ALGO_WINDOW_ORDER'],
      ],
    ],
  ])('%s', (_case, params, now, expected) => {
    expect(errorsOf(validate(params, now))).toEqual(expected);
  });

  it.each<[string, number, boolean]>([
    ['participation exactly 1 passes', 1, true],
    ['participation of a tiny share passes', 1e-6, true],
  ])('%s', (_case, maxParticipation, ok) => {
    expect(validate({ maxParticipation }).ok).toBe(ok);
  });

  it.each<[string, number, boolean]>([
    ['a stock limit on the 0.01 tick passes', 100_100, true],
    ['a stock limit at 0.001 fails', 100_010, false],
  ])('%s', (_case, limit, ok) => {
    expect(validate({ limitPrice: asPrice(limit) }).ok).toBe(ok);
  });

  it('takes 0.001 limits on an ETF, whose tick is 0.001', () => {
    expect(validate({ limitPrice: asPrice(40_010) }, at('09:00'), etf).ok).toBe(true);
    expect(errorsOf(validate({ limitPrice: asPrice(40_011) }, at('09:00'), etf))).toEqual([
      ['algo.limitPrice', 'ALGO_LIMIT_PRICE'],
    ]);
  });

  it('refuses an index and a futures contract, naming the symbol', () => {
    expect(errorsOf(validate({}, at('09:00'), anInstrument('000300.SH')))).toEqual([
      ['symbol', 'ALGO_INSTRUMENT'],
    ]);
    expect(errorsOf(validate({}, at('09:00'), anInstrument('IF2612.IF')))).toEqual([
      ['symbol', 'ALGO_INSTRUMENT'],
    ]);
  });

  it('refuses a bucket length that is not a positive whole number of seconds', () => {
    const verdict = validateAlgoParams({ type: 'TWAP' }, stock, at('09:00'), isTradingDay, {
      bucketSeconds: 0,
    });
    expect(errorsOf(verdict)).toEqual([['algo.bucketSeconds', 'ALGO_BUCKET']]);
  });

  it('says what the window is and which sessions count', () => {
    const verdict = validate({ startTime: '11:35', endTime: '12:50' });
    expect(!verdict.ok && verdict.errors[0]).toEqual({
      field: 'algo.startTime',
      code: 'ALGO_WINDOW_OUTSIDE_SESSION',
      message:
        'the window 11:35:00–12:50:00 holds no continuous trading (09:30–11:30 and 13:00–14:57)',
      observed: '11:35:00–12:50:00',
      limit: '09:30–11:30 and 13:00–14:57',
    });
  });
});
