// Issue 6 §1: an algo parent is refused, naming the field, when its window has no continuous
// trading, ends before it starts or is shorter than one slice, when its participation is outside
// (0, 1] or its limit price is off the tick grid. Every failing field is reported, not the first.
import { isOnTick, type Instrument } from '../instrument/index.js';
import type { Price } from '../money/index.js';
import { tradingDayOf } from '../time/index.js';
import { formatExchangeTime, resolveAlgoTime } from './algo-time.js';
import { Urgency, type AlgoParams, type AlgoType } from './algo-types.js';
import {
  addTradingSeconds,
  CONTINUOUS_SESSIONS,
  shanghaiInstant,
  sliceWindow,
  tradingWindowOf,
  type Bucket,
  type TradingWindow,
} from './trading-window.js';

/** Slice length the runtime uses unless the desk configures another. */
export const DEFAULT_BUCKET_SECONDS = 60;

export const AlgoParamCode = {
  ALGO_INSTRUMENT: 'ALGO_INSTRUMENT',
  ALGO_TIME_FORMAT: 'ALGO_TIME_FORMAT',
  ALGO_NOT_TRADING_DAY: 'ALGO_NOT_TRADING_DAY',
  ALGO_WINDOW_CONFLICT: 'ALGO_WINDOW_CONFLICT',
  ALGO_WINDOW_ORDER: 'ALGO_WINDOW_ORDER',
  ALGO_WINDOW_OUTSIDE_SESSION: 'ALGO_WINDOW_OUTSIDE_SESSION',
  ALGO_WINDOW_TOO_SHORT: 'ALGO_WINDOW_TOO_SHORT',
  ALGO_DURATION: 'ALGO_DURATION',
  ALGO_PARTICIPATION: 'ALGO_PARTICIPATION',
  ALGO_LIMIT_PRICE: 'ALGO_LIMIT_PRICE',
  ALGO_BUCKET: 'ALGO_BUCKET',
} as const;
export type AlgoParamCode = (typeof AlgoParamCode)[keyof typeof AlgoParamCode];

export interface AlgoParamError {
  /** The request field, e.g. 'algo.endTime'. */
  readonly field: string;
  readonly code: AlgoParamCode;
  readonly message: string;
  readonly observed: string;
  readonly limit: string;
}

export interface ResolvedWindow extends TradingWindow {
  readonly bucketSeconds: number;
  readonly buckets: readonly Bucket[];
}

export interface ResolvedAlgoParams {
  readonly type: AlgoType;
  readonly urgency: Urgency;
  readonly maxParticipation: number | null;
  readonly limitPrice: Price | null;
}

export type AlgoParamsVerdict =
  | { readonly ok: true; readonly window: ResolvedWindow; readonly params: ResolvedAlgoParams }
  | { readonly ok: false; readonly errors: readonly AlgoParamError[] };

export interface AlgoValidationOptions {
  readonly bucketSeconds?: number;
}

// Stock-session instruments only: futures have their own sessions (night trading) and indexes
// do not trade.
const SCHEDULABLE_BOARDS: ReadonlySet<string> = new Set([
  'MAIN',
  'STAR',
  'CHINEXT',
  'BSE',
  'FUND',
  'BOND',
  'OPTION',
]);

const SESSION_WORDS = '09:30–11:30 and 13:00–14:57';

/**
 * Checks an algo parent's parameters at `now` and resolves its window on one trading day: start
 * defaults to now and is never earlier than now; end defaults to 14:57; `durationSeconds` counts
 * continuous-trading seconds from the start; the window is cut to the continuous stretches.
 */
export function validateAlgoParams(
  params: AlgoParams,
  instrument: Instrument,
  now: Date,
  isTradingDay: (day: string) => boolean,
  options: AlgoValidationOptions = {},
): AlgoParamsVerdict {
  const errors: AlgoParamError[] = [];
  const fail = (
    field: string,
    code: AlgoParamCode,
    message: string,
    observed: string,
    limit: string,
  ) => errors.push({ field, code, message, observed, limit });

  const bucketSeconds = options.bucketSeconds ?? DEFAULT_BUCKET_SECONDS;
  if (!Number.isSafeInteger(bucketSeconds) || bucketSeconds <= 0) {
    fail(
      'algo.bucketSeconds',
      'ALGO_BUCKET',
      `bucket length ${bucketSeconds} s is not a positive whole number of seconds`,
      String(bucketSeconds),
      '> 0',
    );
  }
  if (!SCHEDULABLE_BOARDS.has(instrument.security.board)) {
    fail(
      'symbol',
      'ALGO_INSTRUMENT',
      `${instrument.security.symbol} does not trade in the stock sessions an algo schedule covers`,
      instrument.security.board,
      'a stock, fund, bond or option board',
    );
  }
  checkParticipation(params.maxParticipation, fail);
  checkLimitPrice(params.limitPrice, instrument.tickSize, fail);
  const window = resolveWindow(params, now, isTradingDay, bucketSeconds, fail);

  if (errors.length > 0 || window === null) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    window: { ...window, bucketSeconds, buckets: sliceWindow(window, bucketSeconds) },
    params: {
      type: params.type,
      urgency: params.urgency ?? Urgency.NEUTRAL,
      maxParticipation: params.maxParticipation ?? null,
      limitPrice: params.limitPrice ?? null,
    },
  };
}

type Fail = (
  field: string,
  code: AlgoParamCode,
  message: string,
  observed: string,
  limit: string,
) => void;

function checkParticipation(value: number | undefined, fail: Fail): void {
  if (value === undefined) {
    return;
  }
  if (!Number.isFinite(value) || value <= 0 || value > 1) {
    fail(
      'algo.maxParticipation',
      'ALGO_PARTICIPATION',
      `maxParticipation ${value} is outside (0, 1]`,
      String(value),
      '(0, 1]',
    );
  }
}

function checkLimitPrice(value: Price | undefined, tick: Price, fail: Fail): void {
  if (value === undefined) {
    return;
  }
  if (!Number.isSafeInteger(value) || value <= 0) {
    fail(
      'algo.limitPrice',
      'ALGO_LIMIT_PRICE',
      `limitPrice ${value} is not a positive price`,
      String(value),
      '> 0',
    );
  } else if (!isOnTick(value, tick)) {
    fail(
      'algo.limitPrice',
      'ALGO_LIMIT_PRICE',
      `limitPrice ${value} is not a multiple of the tick ${tick} (0.0001 CNY units)`,
      String(value),
      `multiple of ${tick}`,
    );
  }
}

function resolveWindow(
  params: AlgoParams,
  now: Date,
  isTradingDay: (day: string) => boolean,
  bucketSeconds: number,
  fail: Fail,
): TradingWindow | null {
  const requestedStart =
    params.startTime === undefined ? now : resolveAlgoTime(params.startTime, now);
  if (requestedStart === null) {
    fail(
      'algo.startTime',
      'ALGO_TIME_FORMAT',
      `startTime ${String(params.startTime)} is neither HH:MM[:SS] exchange time nor an ISO time with an offset`,
      String(params.startTime),
      'HH:MM[:SS] or ISO 8601 with offset',
    );
    return null;
  }
  const day = tradingDayOf(requestedStart);
  if (!isTradingDay(day)) {
    fail(
      'algo.startTime',
      'ALGO_NOT_TRADING_DAY',
      `${day} is not a trading day`,
      day,
      'a trading day',
    );
    return null;
  }
  const start = requestedStart.getTime() < now.getTime() ? now : requestedStart;
  const end = resolveEnd(params, now, start, day, fail);
  if (end === null) {
    return null;
  }
  if (end.getTime() <= start.getTime() && params.endTime === undefined) {
    fail(
      'algo.startTime',
      'ALGO_WINDOW_OUTSIDE_SESSION',
      `the window starts at ${formatExchangeTime(start)}, after continuous trading ends at 14:57`,
      formatExchangeTime(start),
      SESSION_WORDS,
    );
    return null;
  }
  if (end.getTime() <= start.getTime()) {
    const field = params.endTime === undefined ? 'algo.startTime' : 'algo.endTime';
    fail(
      field,
      'ALGO_WINDOW_ORDER',
      `the window ends at ${formatExchangeTime(end)}, not after its start ${formatExchangeTime(start)}`,
      formatExchangeTime(end),
      `after ${formatExchangeTime(start)}`,
    );
    return null;
  }
  const window = tradingWindowOf(day, start, end);
  if (window.tradingSeconds === 0) {
    fail(
      'algo.startTime',
      'ALGO_WINDOW_OUTSIDE_SESSION',
      `the window ${formatExchangeTime(start)}–${formatExchangeTime(end)} holds no continuous trading (${SESSION_WORDS})`,
      `${formatExchangeTime(start)}–${formatExchangeTime(end)}`,
      SESSION_WORDS,
    );
    return null;
  }
  if (Number.isSafeInteger(bucketSeconds) && window.tradingSeconds < bucketSeconds) {
    const field =
      params.endTime !== undefined
        ? 'algo.endTime'
        : params.durationSeconds !== undefined
          ? 'algo.durationSeconds'
          : 'algo.startTime';
    fail(
      field,
      'ALGO_WINDOW_TOO_SHORT',
      `the window holds ${window.tradingSeconds} s of continuous trading, shorter than one ${bucketSeconds} s slice`,
      String(window.tradingSeconds),
      `>= ${bucketSeconds}`,
    );
    return null;
  }
  return window;
}

function resolveEnd(
  params: AlgoParams,
  now: Date,
  start: Date,
  day: string,
  fail: Fail,
): Date | null {
  const close = shanghaiInstant(day, CONTINUOUS_SESSIONS[CONTINUOUS_SESSIONS.length - 1]?.[1] ?? 0);
  if (params.endTime !== undefined && params.durationSeconds !== undefined) {
    fail(
      'algo.durationSeconds',
      'ALGO_WINDOW_CONFLICT',
      'give endTime or durationSeconds, not both',
      'both',
      'one of endTime, durationSeconds',
    );
    return null;
  }
  if (params.endTime !== undefined) {
    const end = resolveAlgoTime(params.endTime, now);
    if (end === null) {
      fail(
        'algo.endTime',
        'ALGO_TIME_FORMAT',
        `endTime ${String(params.endTime)} is neither HH:MM[:SS] exchange time nor an ISO time with an offset`,
        String(params.endTime),
        'HH:MM[:SS] or ISO 8601 with offset',
      );
      return null;
    }
    if (tradingDayOf(end) !== day) {
      fail(
        'algo.endTime',
        'ALGO_WINDOW_OUTSIDE_SESSION',
        `endTime falls on ${tradingDayOf(end)}, not on the start's trading day ${day}: a schedule runs within one day`,
        tradingDayOf(end),
        day,
      );
      return null;
    }
    return end;
  }
  if (params.durationSeconds !== undefined) {
    const seconds = params.durationSeconds;
    if (!Number.isSafeInteger(seconds) || seconds <= 0) {
      fail(
        'algo.durationSeconds',
        'ALGO_DURATION',
        `durationSeconds ${seconds} is not a positive whole number`,
        String(seconds),
        '> 0',
      );
      return null;
    }
    const end = addTradingSeconds(start, seconds);
    if (end === null) {
      const left = tradingWindowOf(day, start, close).tradingSeconds;
      fail(
        'algo.durationSeconds',
        'ALGO_WINDOW_OUTSIDE_SESSION',
        `durationSeconds ${seconds} runs past the 14:57 close of continuous trading: ${left} s remain after ${formatExchangeTime(start)}`,
        String(seconds),
        `<= ${left}`,
      );
      return null;
    }
    return end;
  }
  return close;
}
