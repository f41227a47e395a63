// Builders for the algo schedule tests: instruments by symbol, a parent, a resolved window and a
// schedule on a fixed trading day, all overridable.
import {
  buildSchedule,
  defaultUShapedProfile,
  tradingCalendar,
  tradingWindowOf,
  type AlgoParent,
  type Schedule,
  type TradingWindow,
  type VolumeProfile,
} from '../src/index.js';
import { anInstrument } from './risk-builders.js';

/** A Tuesday; 2026-10-01 and 2026-10-02 are holidays in the calendar below. */
export const TRADING_DAY = '2026-11-24';
export const isTradingDay = tradingCalendar(['2026-10-01', '2026-10-02']);

/** Exchange time on a day: at('09:30') or at('13:00:30', '2026-11-25'). */
export function at(hhmmss: string, day = TRADING_DAY): Date {
  return new Date(`${day}T${hhmmss.length === 5 ? `${hhmmss}:00` : hhmmss}+08:00`);
}

export function anAlgoParent(
  overrides: Partial<AlgoParent> & { symbol?: string } = {},
): AlgoParent {
  const { symbol, ...rest } = overrides;
  const parent: AlgoParent = {
    type: 'VWAP',
    side: 'BUY',
    quantity: 100_000,
    security: anInstrument(symbol).security,
    urgency: 'NEUTRAL',
    maxParticipation: null,
    limitPrice: null,
    ...rest,
  };
  return Object.freeze(parent);
}

export function aWindow(from = '09:30', to = '14:57', day = TRADING_DAY): TradingWindow {
  return tradingWindowOf(day, at(from, day), at(to, day));
}

export function aSchedule(
  parent: Partial<AlgoParent> & { symbol?: string } = {},
  window: TradingWindow = aWindow(),
  bucketSeconds = 60,
  profile: VolumeProfile = defaultUShapedProfile(),
): Schedule {
  return buildSchedule(anAlgoParent(parent), profile, window, bucketSeconds);
}
