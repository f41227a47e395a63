// RiskCheckService's own synchronous check-and-reserve (issue 5 §7 of the risk-wiring brief):
// the full context built from the exposure book, flow counters, limits and kill switch, every
// rule on, the reservation and the counters written, on a desk of 1,000 strategies over 50
// accounts, 10,000 open orders and 5,000 instruments; beside the same path with an empty
// catalogue in the same run. Each approved order is released after it is timed, so the book
// stays at 10,000 open orders. Target: p99 ≤ 20 µs per check, ≥ 50,000 checks/s on one core.
import { DeskConfigSchema, type RiskCheckRequest } from '@qmt/contracts';
import {
  ORDER_RULES,
  XtOrderType,
  XtPriceType,
  asMoney,
  asPrice,
  type OrderRiskRule,
} from '@qmt/domain';
import { riskHarness, type RiskHarness } from '@qmt/risk';
import { ExchangeClock } from '@qmt/runtime';
import { seeded } from './lib/risk-desk.js';
import { elapsedNs, formatNumber, percentile, report, verdict } from './lib/stats.js';

export const title = 'RiskCheckService check-and-reserve, every rule on, beside an empty catalogue';

const ACCOUNTS = 50;
const STRATEGIES = 1_000;
const OPEN_ORDERS = 10_000;
const WARMUP = 50_000;
const MEASURED = 200_000;

function symbols(): string[] {
  const range = (from: number, count: number, suffix: string) =>
    Array.from({ length: count }, (_, i) => `${String(from + i).padStart(6, '0')}.${suffix}`);
  return [
    ...range(600_000, 1_500, 'SH'),
    ...range(1, 1_500, 'SZ'),
    ...range(300_001, 1_000, 'SZ'),
    ...range(688_001, 1_000, 'SH'),
  ];
}

interface Desk {
  readonly harness: RiskHarness;
  readonly requests: readonly RiskCheckRequest[];
  advance(): void;
}

async function buildDesk(): Promise<Desk> {
  const random = seeded(20_261_124);
  const codes = symbols();
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const preClose = new Map(codes.map((c) => [c, Math.round(2 + random() * 200)]));
  const accounts = Array.from({ length: ACCOUNTS }, (_, i) => `ACC-${i}`);
  const strategies = Array.from({ length: STRATEGIES }, (_, i) => ({
    id: `S-${i}`,
    account: accounts[i % ACCOUNTS] ?? 'ACC-0',
  }));
  const config = DeskConfigSchema.parse({
    desk: { name: 'bench' },
    connectors: [{ id: 'sim-1', backend: 'sim' }],
    accounts: accounts.map((id, i) => ({
      id,
      type: 'STOCK',
      connector: 'sim-1',
      brokerAccountId: String(i + 1),
      cash: 100_000_000,
    })),
    strategies: strategies.map((s) => ({
      id: s.id,
      apiKey: `key-${s.id}`,
      accounts: [s.account],
      budgets: { [s.account]: 2_000_000 },
    })),
    instruments: codes.map((symbol) => ({ symbol, name: symbol, preClose: preClose.get(symbol) })),
    limits: {
      global: {
        maxOrderQuantity: 1_000_000,
        maxOrderNotional: 5_000_000,
        maxPriceDeviation: 0.1,
        duplicateWindowMs: 1_000,
        selfTradePolicy: 'REJECT_INCOMING',
        maxPositionQuantity: 1_000_000,
        maxPositionNotional: 5_000_000,
        maxPositionShare: 0.5,
        maxGrossExposure: 50_000_000,
        maxOpenOrders: 500,
        maxOrdersPerSecond: 50,
        maxDailyOrders: 10_000,
        maxCancelsPerSecond: 50,
        maxDailyCancels: 10_000,
        maxCancelRatio: 0.9,
        cancelRatioMinOrders: 100,
        maxDailyLoss: 200_000,
        maxAccountGrossExposure: 200_000_000,
        maxAccountOpenOrders: 2_000,
        maxAccountDailyLoss: 500_000,
      },
      accounts: Object.fromEntries(accounts.map((id) => [id, { maxOpenOrders: 400 }])),
      symbols: { [codes[0] ?? '']: { restricted: true } },
    },
  });
  // 10:00 Shanghai on a trading day; the clock moves 1 ms per check (20 checks/s per account).
  let now = Date.parse('2026-11-24T10:00:00+08:00');
  const clock = new ExchangeClock('wall', () => new Date(now));
  const harness = riskHarness({ desk: config, clock, keepJobs: 0 });
  await harness.controls.load();
  await harness.admin.setKillSwitch({
    scope: { type: 'strategy', id: 'S-999' },
    mode: 'REDUCE_ONLY',
    by: 'bench',
    reason: '',
  });
  const holdings = new Map<string, string[]>();
  for (const s of strategies) {
    const held = Array.from({ length: 20 }, () => pick(codes));
    holdings.set(s.id, held);
    for (const symbol of held) {
      harness.book.seedSellable(s.account, s.id, symbol, 1_000);
    }
  }
  for (let n = 0; n < OPEN_ORDERS; n++) {
    const s = pick(strategies);
    const symbol = pick(codes);
    const close = (preClose.get(symbol) ?? 10) * 10_000;
    const side = random() < 0.5 ? 'BUY' : 'SELL';
    const offset = Math.round(close * (0.01 + random() * 0.05));
    harness.book.reserve({
      orderId: `O-${n}`,
      accountId: s.account,
      strategyId: s.id,
      symbol,
      side,
      quantity: 100,
      cashPerShare: asMoney(side === 'BUY' ? BigInt(close) : 0n),
      filled: 0,
      limitPrice: asPrice(side === 'BUY' ? close - offset : close + offset),
      increases: side === 'BUY',
    });
  }
  const requests: RiskCheckRequest[] = [];
  for (let n = 0; n < 100_000; n++) {
    const s = pick(strategies);
    const sell = random() < 0.3;
    const symbol = sell ? pick(holdings.get(s.id) ?? codes) : pick(codes);
    const close = (preClose.get(symbol) ?? 10) * 10_000;
    const star = symbol.startsWith('688');
    const market = random() < 0.1;
    const tick = 100;
    requests.push({
      orderId: `R-${n}`,
      accountId: s.account,
      strategyId: s.id,
      symbol,
      side: sell ? 'SELL' : 'BUY',
      orderType: sell ? XtOrderType.STOCK_SELL : XtOrderType.STOCK_BUY,
      priceType: market
        ? symbol.endsWith('.SH')
          ? XtPriceType.MARKET_SH_CONVERT_5_CANCEL
          : XtPriceType.MARKET_SZ_CONVERT_5_CANCEL
        : XtPriceType.FIX_PRICE,
      price: market ? null : close + (random() < 0.5 ? -1 : 1) * Math.floor(random() * 5) * tick,
      quantity: (1 + Math.floor(random() * 10)) * (star ? 200 : 100),
    });
  }
  return {
    harness,
    requests,
    advance: () => {
      now += 1;
    },
  };
}

interface Figures {
  readonly samples: number[];
  readonly wallNs: number;
  readonly rejected: number;
}

function measure(
  desk: Desk,
  rules: readonly OrderRiskRule[],
  count: number,
  pass: number,
): Figures {
  const samples = new Array<number>(count);
  let rejected = 0;
  let wallNs = 0;
  const { service, book } = desk.harness;
  for (let i = 0; i < count; i++) {
    const template = desk.requests[i % desk.requests.length];
    if (template === undefined) {
      continue;
    }
    const request = { ...template, orderId: `${template.orderId}-${pass}-${i}` };
    desk.advance();
    const t0 = process.hrtime.bigint();
    const outcome = service.checkAndReserve(request, rules);
    const ns = elapsedNs(t0);
    samples[i] = ns;
    wallNs += ns;
    if (outcome.decision.approved) {
      book.release(request.orderId);
    } else {
      rejected++;
    }
  }
  return { samples, wallNs, rejected };
}

const micros = (ns: number) => `${formatNumber(ns / 1_000, 2)} µs`;

function rows(figures: Figures): [string, string][] {
  const { samples, wallNs } = figures;
  return [
    ['p50', micros(percentile(samples, 50))],
    ['p99', micros(percentile(samples, 99))],
    ['p99.9', micros(percentile(samples, 99.9))],
    ['checks/s', formatNumber(samples.length / (wallNs / 1e9))],
    ['rejected', `${formatNumber((100 * figures.rejected) / samples.length, 1)}%`],
  ];
}

export async function run(): Promise<void> {
  const desk = await buildDesk();
  console.log(
    `  desk: ${desk.harness.desk.instruments().length} instruments, ${STRATEGIES} strategies over ${ACCOUNTS} accounts, ${OPEN_ORDERS} open orders, ${ORDER_RULES.length} rules`,
  );
  measure(desk, [], WARMUP, 0);
  measure(desk, ORDER_RULES, WARMUP, 1);
  const baseline = measure(desk, [], MEASURED, 2);
  const full = measure(desk, ORDER_RULES, MEASURED, 3);
  report('empty catalogue (context, reservation, counters)', rows(baseline));
  report(`ORDER_RULES (${ORDER_RULES.length} rules) through RiskCheckService`, rows(full));
  const p99 = percentile(full.samples, 99);
  const rate = full.samples.length / (full.wallNs / 1e9);
  report('targets', [
    [
      'rules over the baseline (p50)',
      micros(percentile(full.samples, 50) - percentile(baseline.samples, 50)),
    ],
    ['', verdict('p99 per check', p99 <= 20_000, micros(p99), '≤ 20 µs')],
    ['', verdict('throughput', rate >= 50_000, `${formatNumber(rate)} checks/s`, '≥ 50,000')],
  ]);
}
