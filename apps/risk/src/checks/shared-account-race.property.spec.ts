// Issue 5 "Done when": many concurrent orders from two strategies on one account, in random
// interleavings (fast-check's scheduler orders the calls, the route enqueues and the broker's
// answers), never overspend the account's cash, a strategy's budget or its sellable shares.
import fc from 'fast-check';
import { parseDeskConfig, type GatewayEvent, type RiskCheckRequest } from '@qmt/contracts';
import { DEFAULT_FEES, asPrice, moneyFromYuan, reservationFor } from '@qmt/domain';
import { ExchangeClock } from '@qmt/runtime';
import { riskHarness } from '../testing/risk-harness.js';

const DESK = parseDeskConfig(`
desk: { name: race }
connectors: [{ id: sim-1, backend: sim }]
accounts:
  - id: ACC
    type: STOCK
    connector: sim-1
    brokerAccountId: '1'
    cash: 60000
strategies:
  - { id: alpha, apiKey: a, accounts: [ACC], budgets: { ACC: 40000 } }
  - { id: beta, apiKey: b, accounts: [ACC], budgets: { ACC: 40000 } }
instruments:
  - { symbol: 000001.SZ, name: PingAn, preClose: 11.50 }
  - { symbol: 600000.SH, name: SPDB, preClose: 8.20 }
`);

const HELD = { alpha: 1_000, beta: 600 } as const;
type Strategy = keyof typeof HELD;

interface Command {
  readonly strategy: Strategy;
  readonly side: 'BUY' | 'SELL';
  readonly lots: number;
  readonly ticks: number;
  /** What the broker does with the order once it is routed. */
  readonly outcome: 'REST' | 'FILL' | 'CANCEL';
}

const command = fc.record<Command>({
  strategy: fc.constantFrom('alpha', 'beta'),
  side: fc.constantFrom('BUY', 'SELL'),
  lots: fc.integer({ min: 1, max: 8 }),
  ticks: fc.integer({ min: -5, max: 5 }),
  outcome: fc.constantFrom('REST', 'FILL', 'CANCEL'),
});

describe('two strategies racing on one account', () => {
  it('never overspend cash, budget or sellable shares, whatever the interleaving', async () => {
    // Some inputs approve nothing (two 700-share sells of a 600-share book): the property is
    // not vacuous only if most runs approved something, so count over all of them.
    let runsThatApproved = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.array(command, { minLength: 2, maxLength: 40 }),
        async (s, commands) => {
          let tick = Date.parse('2026-11-24T02:00:00Z');
          // Each check a little later than the last: the flow windows see a realistic pace.
          const clock = new ExchangeClock('continuous', () => new Date((tick += 137)));
          const h = riskHarness({ desk: DESK, clock });
          await h.controls.load();
          h.book.seedSellable('ACC', 'alpha', '600000.SH', HELD.alpha);
          h.book.seedSellable('ACC', 'beta', '600000.SH', HELD.beta);
          const cash = moneyFromYuan(60_000);
          const budget = moneyFromYuan(40_000);
          const open = new Map<string, RiskCheckRequest>();
          let seq = 0;
          const event = (orderId: string, body: Partial<GatewayEvent>): GatewayEvent =>
            ({
              eventId: `${orderId}-${++seq}`,
              accountId: 'ACC',
              orderId,
              ts: '2026-11-24T02:00:00Z',
              source: 'test',
              ...body,
            }) as GatewayEvent;

          const invariants = () => {
            const spent = h.book.spent('ACC') + h.book.reservedCash('ACC');
            expect(spent).toBeLessThanOrEqual(cash);
            for (const strategy of ['alpha', 'beta'] as const) {
              expect(
                h.book.spent('ACC', strategy) + h.book.reservedCash('ACC', strategy),
              ).toBeLessThanOrEqual(budget);
              const position = h.book.position('ACC', strategy, '600000.SH');
              // Shares held back by open sells plus those sold never exceed what the book held.
              expect(position.openSells).toBeLessThanOrEqual(
                HELD[strategy] - (HELD[strategy] - position.long),
              );
              expect(h.book.sellable('ACC', strategy, '600000.SH')).toBeGreaterThanOrEqual(0);
            }
            // Independently of the book's aggregates: Σ reservations of the open buys ≤ cash.
            let reservedByHand = 0n;
            for (const request of open.values()) {
              if (request.side === 'BUY') {
                reservedByHand += reservationFor(
                  {
                    side: 'BUY',
                    quantity: request.quantity,
                    limitPrice: asPrice(request.price ?? 0),
                    symbol: request.symbol,
                  },
                  h.desk.instrument(request.symbol)!,
                  DEFAULT_FEES,
                );
              }
            }
            expect(reservedByHand + h.book.spent('ACC')).toBeLessThanOrEqual(
              cash + BigInt(open.size) * 100n,
            );
          };

          const runs = commands.map((c, i) => {
            const orderId = `Q${i}`;
            const symbol = c.side === 'BUY' ? '000001.SZ' : '600000.SH';
            const base = c.side === 'BUY' ? 115_000 : 82_000;
            const request: RiskCheckRequest = {
              orderId,
              accountId: 'ACC',
              strategyId: c.strategy,
              symbol,
              side: c.side,
              orderType: c.side === 'BUY' ? 23 : 24,
              priceType: 11,
              price: base + c.ticks * 100,
              quantity: c.lots * 100,
            };
            return s
              .schedule(Promise.resolve(), `check ${orderId}`)
              .then(() => h.service.check(request))
              .then(async (decision) => {
                invariants();
                if (!decision.approved) {
                  return;
                }
                open.set(orderId, request);
                await s.schedule(Promise.resolve(), `broker ${orderId}`);
                if (c.outcome === 'REST') {
                  return;
                }
                if (c.outcome === 'FILL') {
                  h.book.apply(
                    event(orderId, {
                      type: 'TRADE',
                      strategyId: c.strategy,
                      payload: {
                        tradeId: `T${orderId}`,
                        brokerOrderId: 1,
                        brokerSysId: '1',
                        symbol,
                        orderType: request.orderType,
                        quantity: request.quantity,
                        price: request.price ?? 0,
                        amount: String(BigInt(request.price ?? 0) * BigInt(request.quantity)),
                        commission: '50000',
                        tradedAt: '',
                      },
                    }),
                  );
                }
                h.book.apply(
                  event(orderId, {
                    type: 'ORDER_STATUS',
                    payload: {
                      xtStatus: c.outcome === 'FILL' ? 56 : 54,
                      brokerOrderId: 1,
                      brokerSysId: '1',
                      symbol,
                      orderType: request.orderType,
                      quantity: request.quantity,
                      filledQuantity: c.outcome === 'FILL' ? request.quantity : 0,
                      avgFillPrice: 0,
                      brokerPriceType: 50,
                      message: '',
                      orderTime: '',
                    },
                  }),
                );
                open.delete(orderId);
                invariants();
              });
          });
          await s.waitFor(Promise.all(runs));
          invariants();
          if (h.routes.jobs.length > 0) {
            runsThatApproved += 1;
          }
        },
      ),
      { numRuns: 150 },
    );
    expect(runsThatApproved).toBeGreaterThan(100);
  });
});
