// Scheduling overhead of the algo engine: one bucket tick plans a child for each of 500
// concurrent parents (planSlice + priceChild + the state update the runtime does), beside a
// baseline loop that walks the same parents and state without the planning maths.
import {
  asPrice,
  buildSchedule,
  defaultUShapedProfile,
  parseSecurityCode,
  planSlice,
  priceChild,
  tradingWindowOf,
  type AlgoParent,
  type Schedule,
  type Urgency,
} from '@qmt/domain';
import { elapsedNs, formatNumber, percentile, report, verdict } from './lib/stats.js';

export const title = 'VWAP/TWAP: planning one bucket for 500 concurrent parents';

const PARENTS = 500;
const DAY = '2026-11-24';
const URGENCIES: readonly Urgency[] = ['PASSIVE', 'NEUTRAL', 'AGGRESSIVE'];
// A tick every bucket (60 s): the whole tick should leave the event loop free almost at once.
const TICK_TARGET_MS = 50;

interface Running {
  readonly schedule: Schedule;
  filled: number;
  lastVolume: number;
  childQuantity: number;
  childPrice: number;
}

function security(symbol: string) {
  const parsed = parseSecurityCode(symbol);
  if (!parsed.ok) {
    throw new Error(parsed.reason);
  }
  return parsed.security;
}

function setUp(): { parents: Running[]; buildNs: number[] } {
  const window = tradingWindowOf(
    DAY,
    new Date(`${DAY}T09:30:00+08:00`),
    new Date(`${DAY}T14:57:00+08:00`),
  );
  const profile = defaultUShapedProfile();
  const symbols = ['600000.SH', '000001.SZ', '688981.SH', '300750.SZ', '510300.SH'];
  const buildNs: number[] = [];
  const parents = Array.from({ length: PARENTS }, (_, i): Running => {
    const parent: AlgoParent = {
      type: i % 4 === 0 ? 'TWAP' : 'VWAP',
      side: i % 2 === 0 ? 'BUY' : 'SELL',
      quantity: (1 + (i % 50)) * 10_000,
      security: security(symbols[i % symbols.length] ?? '600000.SH'),
      urgency: URGENCIES[i % 3] ?? 'NEUTRAL',
      maxParticipation: i % 5 === 0 ? null : 0.1,
      limitPrice: asPrice(i % 2 === 0 ? 101_000 : 99_000),
    };
    const start = process.hrtime.bigint();
    const schedule = buildSchedule(parent, profile, window, 60);
    buildNs.push(elapsedNs(start));
    return { schedule, filled: 0, lastVolume: 50_000, childQuantity: 0, childPrice: 0 };
  });
  return { parents, buildNs };
}

function plan(p: Running, bucket: number): void {
  const { parent } = p.schedule;
  const slice = planSlice(p.schedule, bucket, {
    filledQuantity: p.filled,
    workingQuantity: 0,
    heldQuantity: parent.side === 'SELL' ? parent.quantity - p.filled : 0,
    marketVolume: { previousBucket: p.lastVolume },
  });
  const priced = priceChild(
    parent.side,
    { bid: asPrice(99_950), ask: asPrice(100_050), last: asPrice(100_000) },
    parent.urgency,
    parent.limitPrice,
    asPrice(parent.security.board === 'FUND' ? 10 : 100),
  );
  p.childQuantity = slice.quantity;
  p.childPrice = priced.ok ? priced.price : 0;
  p.filled += Math.floor((slice.quantity * 0.8) / 100) * 100;
  p.lastVolume = 40_000 + ((bucket * 7919) % 20_000);
}

// The same walk and state writes, without the maths.
function baseline(p: Running, bucket: number): void {
  p.childQuantity = p.schedule.buckets[bucket]?.cumulativeTarget ?? 0;
  p.childPrice = p.schedule.parent.limitPrice ?? 0;
  p.filled += 0;
  p.lastVolume = 40_000 + ((bucket * 7919) % 20_000);
}

function measure(step: (p: Running, bucket: number) => void): {
  perParentNs: number[];
  perTickNs: number[];
} {
  const perParentNs: number[] = [];
  const perTickNs: number[] = [];
  // Per-parent figures with a timer around each call; totals from separately timed whole ticks.
  const timed = setUp().parents;
  const buckets = timed[0]?.schedule.buckets.length ?? 0;
  for (let bucket = 0; bucket < buckets; bucket++) {
    for (const p of timed) {
      const start = process.hrtime.bigint();
      step(p, bucket);
      perParentNs.push(elapsedNs(start));
    }
  }
  const whole = setUp().parents;
  for (let bucket = 0; bucket < buckets; bucket++) {
    const start = process.hrtime.bigint();
    for (const p of whole) {
      step(p, bucket);
    }
    perTickNs.push(elapsedNs(start));
  }
  return { perParentNs, perTickNs };
}

const us = (ns: number) => `${formatNumber(ns / 1000, 2)} µs`;
const ms = (ns: number) => `${formatNumber(ns / 1e6, 3)} ms`;

export async function run(): Promise<void> {
  // Warm-up so both loops (and buildSchedule) run optimised code.
  measure(plan);
  measure(baseline);
  const planned = measure(plan);
  const bare = measure(baseline);
  const { buildNs } = setUp();
  const ticks = planned.perTickNs.length;
  report(`${PARENTS} parents × ${ticks} one-minute buckets (full day)`, [
    ['buildSchedule per parent p50', us(percentile(buildNs, 50))],
    ['buildSchedule per parent p99', us(percentile(buildNs, 99))],
    ['planning per parent p50', us(percentile(planned.perParentNs, 50))],
    ['planning per parent p99', us(percentile(planned.perParentNs, 99))],
    ['baseline per parent p50', us(percentile(bare.perParentNs, 50))],
    ['baseline per parent p99', us(percentile(bare.perParentNs, 99))],
    ['planning per bucket tick p50', ms(percentile(planned.perTickNs, 50))],
    ['planning per bucket tick p99', ms(percentile(planned.perTickNs, 99))],
    ['planning per bucket tick max', ms(Math.max(...planned.perTickNs))],
    ['baseline per bucket tick p50', ms(percentile(bare.perTickNs, 50))],
    ['baseline per bucket tick p99', ms(percentile(bare.perTickNs, 99))],
    [
      'planning maths per tick p50 (planning − baseline)',
      ms(percentile(planned.perTickNs, 50) - percentile(bare.perTickNs, 50)),
    ],
  ]);
  const p99 = percentile(planned.perTickNs, 99) / 1e6;
  console.log(
    `  ${verdict(`one tick for ${PARENTS} parents, p99`, p99 < TICK_TARGET_MS, `${formatNumber(p99, 3)} ms`, `< ${TICK_TARGET_MS} ms`)}`,
  );
  await Promise.resolve();
}
