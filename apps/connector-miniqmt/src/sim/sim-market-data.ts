import { asPrice, priceToYuan, shanghaiTimeOfDay, tradingDayOf, type Price } from '@qmt/domain';
import type { XtBarRequest } from '../session/mini-qmt-session.port.js';
import type { XtBar, XtInstrumentDetail, XtTick } from '../session/xt-records.js';
import { seededRandom } from './sim-faults.js';
import type { SimInstrument, SimQuote } from './sim-quote-book.js';
import {
  SESSION_MINUTES,
  sessionMinuteOf,
  sessionMinuteTime,
  uShapeWeights,
} from './quotes/u-shape.js';

const WEIGHTS = uShapeWeights();
const DAY_MS = 86_400_000;
const SHANGHAI_MS = 8 * 3_600_000;
/** Stock volumes in xtdata ticks and bars are lots (手) of 100 shares (xtquant-api §4.3). */
const lotFactor = (instrument: SimInstrument): number => (instrument.multiplier > 1 ? 1 : 100);

/** xtdata's get_full_tick view of a sim quote. */
export function xtTickOf(instrument: SimInstrument, quote: SimQuote): XtTick {
  const lots = lotFactor(instrument);
  const yuan = (levels: readonly { price: Price }[]) =>
    pad(levels.map((l) => priceToYuan(l.price)));
  const volumes = (levels: readonly { volume: number }[]) =>
    pad(levels.map((l) => Math.floor(l.volume / lots)));
  return {
    time: quote.time,
    lastPrice: priceToYuan(quote.last),
    open: priceToYuan(quote.open),
    high: priceToYuan(quote.high),
    low: priceToYuan(quote.low),
    lastClose: priceToYuan(instrument.preClose),
    amount: quote.amount,
    volume: Math.floor(quote.volume / lots),
    pvolume: quote.volume,
    // 13 = continuous trading (the security status dictionary of xtdata).
    stockStatus: 13,
    openInt: instrument.multiplier > 1 ? 0 : 13,
    askPrice: yuan(quote.asks),
    bidPrice: yuan(quote.bids),
    askVol: volumes(quote.asks),
    bidVol: volumes(quote.bids),
  };
}

function pad(values: number[]): number[] {
  return [...values, 0, 0, 0, 0, 0].slice(0, 5);
}

export function instrumentDetailOf(instrument: SimInstrument): XtInstrumentDetail {
  const [code = instrument.symbol, exchange = ''] = instrument.symbol.split('.');
  return {
    ExchangeID: exchange,
    InstrumentID: code,
    InstrumentName: instrument.name,
    PreClose: priceToYuan(instrument.preClose),
    UpStopPrice: instrument.upLimit === null ? 0 : priceToYuan(instrument.upLimit),
    DownStopPrice: instrument.downLimit === null ? 0 : priceToYuan(instrument.downLimit),
    PriceTick: priceToYuan(instrument.tick),
    VolumeMultiple: instrument.multiplier,
    LongMarginRatio: instrument.multiplier > 1 ? instrument.marginRatio : 1,
    ShortMarginRatio: instrument.multiplier > 1 ? instrument.marginRatio : 1,
    IsTrading: true,
    InstrumentStatus: 0,
    ExpireDate: '99999999',
  };
}

/** Trading days 'YYYYMMDD' from start to end inclusive: weekdays less the desk's holidays. */
export function simTradingDays(
  start: string,
  end: string,
  isTradingDay: (day: string) => boolean,
): string[] {
  const parse = (day: string): number =>
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8)));
  const days: string[] = [];
  for (let t = parse(start); t <= parse(end); t += DAY_MS) {
    const date = new Date(t);
    const day = date.toISOString().slice(0, 10);
    if (isTradingDay(day)) {
      days.push(day.replaceAll('-', ''));
    }
  }
  return days;
}

/**
 * 1-minute bars of the sim's history: the same U-shaped volume curve the synthetic ticks trade,
 * seeded per code and day, so a volume profile built from them is stable between runs. Today's
 * bars stop at the current minute. Times are epoch ms of the bar's minute.
 */
export function simMinuteBars(
  instrument: SimInstrument,
  request: XtBarRequest,
  now: Date,
  dailyVolume: number,
  isTradingDay: (day: string) => boolean,
): XtBar[] {
  const today = tradingDayOf(now).replaceAll('-', '');
  const start = (request.startTime ?? '').slice(0, 8) || shiftDays(today, -30);
  const end = (request.endTime ?? '').slice(0, 8) || today;
  const { hours, minutes } = shanghaiTimeOfDay(now);
  const minuteNow = sessionMinuteOf(hours, minutes) ?? (hours >= 15 ? SESSION_MINUTES : 0);
  const bars: XtBar[] = [];
  for (const day of simTradingDays(start, end < today ? end : today, isTradingDay)) {
    const random = seededRandom(hash(`${instrument.symbol}:${day}`));
    let last: number = instrument.preClose;
    const upTo = day === today ? minuteNow : SESSION_MINUTES;
    for (let i = 0; i < upTo; i += 1) {
      const open = last;
      const move = Math.round((random() - 0.5) * 4) * instrument.tick;
      last = Math.max(instrument.tick, last + move);
      const volume = Math.round(
        (dailyVolume * (WEIGHTS[i] ?? 0) * (0.7 + 0.6 * random())) / lotFactor(instrument),
      );
      const { hours: h, minutes: m } = sessionMinuteTime(i);
      const time =
        Date.UTC(
          Number(day.slice(0, 4)),
          Number(day.slice(4, 6)) - 1,
          Number(day.slice(6, 8)),
          h,
          m,
        ) - SHANGHAI_MS;
      const close = asPrice(last);
      bars.push({
        time,
        open: priceToYuan(asPrice(open)),
        high: priceToYuan(asPrice(Math.max(open, last))),
        low: priceToYuan(asPrice(Math.min(open, last))),
        close: priceToYuan(close),
        volume,
        amount: priceToYuan(close) * volume * lotFactor(instrument) * instrument.multiplier,
      });
    }
  }
  const count = request.count ?? -1;
  const sized =
    request.period === '1m' ? bars : aggregate(bars, request.period === '5m' ? 5 : SESSION_MINUTES);
  return count <= 0 ? sized : sized.slice(-count);
}

function aggregate(bars: readonly XtBar[], size: number): XtBar[] {
  const out: XtBar[] = [];
  for (let i = 0; i < bars.length; i += size) {
    const group = bars.slice(i, i + size);
    const first = group[0];
    const lastBar = group.at(-1);
    if (first === undefined || lastBar === undefined) {
      continue;
    }
    out.push({
      time: first.time,
      open: first.open,
      high: Math.max(...group.map((b) => b.high)),
      low: Math.min(...group.map((b) => b.low)),
      close: lastBar.close,
      volume: group.reduce((s, b) => s + b.volume, 0),
      amount: group.reduce((s, b) => s + b.amount, 0),
    });
  }
  return out;
}

function shiftDays(day: string, delta: number): string {
  const t =
    Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8))) +
    delta * DAY_MS;
  return new Date(t).toISOString().slice(0, 10).replaceAll('-', '');
}

function hash(text: string): number {
  let h = 2_166_136_261;
  for (let i = 0; i < text.length; i += 1) {
    h = Math.imul(h ^ text.charCodeAt(i), 16_777_619);
  }
  return h >>> 0;
}
