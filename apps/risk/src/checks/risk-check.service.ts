import { Inject, Injectable } from '@nestjs/common';
import type {
  AccountConfig,
  CancelOrderJob,
  CancelRequest,
  PlaceOrderJob,
  RiskCheckRequest,
  RiskDecision,
} from '@qmt/contracts';
import {
  CANCEL_RULES,
  DEFAULT_MARKET_PARAMETERS,
  KillSwitchMode,
  ORDER_RULES,
  asMoney,
  cancelSessionRule,
  checkAll,
  checkCancel,
  effectiveLimits,
  flowUsage,
  flowWarnings,
  killSwitchModesFor,
  moneyFromYuan,
  remarkForOrder,
  reservationFor,
  restingOrdersToCancel,
  strictestMode,
  tradingSessionRule,
  type CancelRiskRule,
  type Money,
  type OrderId,
  type OrderRiskContext,
  type OrderRiskRule,
  type Rejection,
  type RuleCode,
} from '@qmt/domain';
import { RouteQueue } from '@qmt/messaging';
import { GatewayMetrics, type Logger } from '@qmt/observability';
import { DeskDirectory, ExchangeClock, LOGGER } from '@qmt/runtime';
import { RiskControls } from '../controls/risk-controls.js';
import { AccountOwnership, notOwnedDecision } from '../lease/account-ownership.js';
import { ExposureBook } from '../projection/exposure-book.js';
import { FlowCounters } from '../state/flow-counters.js';
import { increases, orderContext, type ContextSources } from './order-context.js';

/**
 * How long a route job may wait for its connector before it is refused, never sent late: wall
 * time, so a fast sim clock (ExchangeClock.scale) stretches it in exchange time.
 */
const ROUTE_JOB_TTL_MS = 30_000;
const OPEN_PHASES = new Set(['CONTINUOUS', 'OPENING_AUCTION', 'OPENING_AUCTION_NO_CANCEL']);

// The sim's "continuous" clock pins the session whatever the hour (ExchangeClock), so the
// session rules, which read the wall time, make way for the clock's own phase there.
const SIM_ORDER_RULES: readonly OrderRiskRule[] = ORDER_RULES.filter(
  (rule) => rule !== tradingSessionRule,
);
const SIM_CANCEL_RULES: readonly CancelRiskRule[] = CANCEL_RULES.filter(
  (rule) => rule !== cancelSessionRule,
);

function reject(
  rule: RuleCode,
  message: string,
  details: Record<string, string> = {},
): RiskDecision {
  return { approved: false, rejection: { rule, message, details } };
}

function decisionOf(failure: Rejection): RiskDecision {
  const details = Object.fromEntries(
    Object.entries(failure.details).map(([k, v]) => [k, String(v)]),
  );
  return reject(failure.rule, failure.message, details);
}

/** An approved check: the verdict and the resting orders to cancel first (CANCEL_RESTING). */
interface Approved {
  readonly decision: RiskDecision;
  readonly cancelFirst: readonly string[];
}

/**
 * RiskService.Check: the full catalogue (ORDER_RULES) on a complete context, the reservation and
 * the flow counters in one synchronous step, then routing. Cancels run CANCEL_RULES.
 */
@Injectable()
export class RiskCheckService {
  private readonly sources: ContextSources;
  private readonly cashByAccount = new Map<string, Money>();
  private readonly orderRules: readonly OrderRiskRule[];
  private readonly cancelRules: readonly CancelRiskRule[];

  constructor(
    private readonly desk: DeskDirectory,
    private readonly clock: ExchangeClock,
    private readonly book: ExposureBook,
    private readonly routes: RouteQueue,
    private readonly metrics: GatewayMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly controls: RiskControls,
    private readonly flow: FlowCounters,
    private readonly ownership: AccountOwnership,
  ) {
    this.orderRules = clock.simulated ? SIM_ORDER_RULES : ORDER_RULES;
    this.cancelRules = clock.simulated ? SIM_CANCEL_RULES : CANCEL_RULES;
    this.sources = {
      book,
      flow,
      controls,
      startingCash: (account) => this.startingCash(account),
      budget: (strategyId, accountId) => this.budget(strategyId, accountId),
      isTradingDay: desk.isTradingDay,
    };
  }

  async check(request: RiskCheckRequest): Promise<RiskDecision> {
    const stopTimer = this.metrics.riskCheckDuration.startTimer();
    const outcome = this.checkAndReserve(request);
    stopTimer();
    if (!outcome.decision.approved) {
      this.metrics.riskRejections.inc({ rule: outcome.decision.rejection.rule, kind: 'order' });
      this.logger.debug(
        { orderId: request.orderId, rule: outcome.decision.rejection.rule },
        'order rejected by risk',
      );
      return outcome.decision;
    }
    // Debug only: one line per order, with the caller's request id from the log context.
    this.logger.debug({ orderId: request.orderId }, 'order reserved');
    const account = this.desk.account(request.accountId);
    if (account === undefined) {
      return reject('ACCOUNT_NOT_PERMITTED', `account ${request.accountId} is not on this desk`);
    }
    for (const orderId of outcome.cancelFirst) {
      await this.cancelResting(account, orderId);
    }
    const now = this.clock.now();
    const job: PlaceOrderJob = {
      kind: 'PLACE',
      orderId: request.orderId,
      accountId: request.accountId,
      strategyId: request.strategyId,
      symbol: request.symbol,
      orderType: request.orderType,
      priceType: request.priceType,
      price: request.price ?? 0,
      quantity: request.quantity,
      remark: remarkForOrder(request.orderId as OrderId),
      enqueuedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ROUTE_JOB_TTL_MS * this.clock.scale).toISOString(),
    };
    try {
      await this.routes.enqueue(account.connector, job);
    } catch (error) {
      this.book.release(request.orderId);
      this.logger.error({ err: error, orderId: request.orderId }, 'route enqueue failed');
      return reject(
        'CONNECTOR_UNAVAILABLE',
        `cannot queue the order for connector ${account.connector}`,
      );
    }
    return outcome.decision;
  }

  /**
   * A cancel is never blocked by exposure rules (it only reduces risk); CANCEL_RULES judge its
   * session and rate, except under a kill switch: the cancels a HALTED or REDUCE_ONLY scope
   * sends are the switch doing its work and are never rate-limited. Queued once per order.
   */
  async requestCancel(request: CancelRequest): Promise<RiskDecision> {
    const account = this.desk.account(request.accountId);
    if (account === undefined) {
      return reject('ACCOUNT_NOT_PERMITTED', `account ${request.accountId} is not on this desk`);
    }
    if (!this.ownership.holds(account.id)) {
      return notOwnedDecision(this.ownership, account.id);
    }
    if (this.book.isConnectorDown(account.connector)) {
      return reject('CONNECTOR_UNAVAILABLE', `connector ${account.connector} is down`);
    }
    const verdict = this.checkCancelFlow(request);
    if (!verdict.approved) {
      this.metrics.riskRejections.inc({ rule: verdict.rejection.rule, kind: 'cancel' });
      return verdict;
    }
    return this.enqueueCancel(account, request);
  }

  /**
   * Check and reserve in one synchronous step: no await between them (ARCHITECTURE §4). `rules`
   * is the catalogue in force; the benchmark passes an empty one for its baseline.
   */
  checkAndReserve(request: RiskCheckRequest, rules = this.orderRules): Approved {
    const refused = (decision: RiskDecision): Approved => ({ decision, cancelFirst: [] });
    const account = this.desk.account(request.accountId);
    const strategy = this.desk.strategy(request.strategyId);
    if (account === undefined || strategy?.accounts.includes(account.id) !== true) {
      return refused(
        reject(
          'ACCOUNT_NOT_PERMITTED',
          `strategy ${request.strategyId} may not trade account ${request.accountId}`,
        ),
      );
    }
    if (!this.ownership.holds(account.id)) {
      return refused(notOwnedDecision(this.ownership, account.id));
    }
    const instrument = this.desk.instrument(request.symbol);
    if (instrument === undefined) {
      return refused(
        reject('UNKNOWN_INSTRUMENT', `instrument ${request.symbol} is not known to the desk`, {
          symbol: request.symbol,
        }),
      );
    }
    if (this.book.isConnectorDown(account.connector)) {
      return refused(reject('CONNECTOR_UNAVAILABLE', `connector ${account.connector} is down`));
    }
    if (this.clock.simulated) {
      const session = this.clock.session();
      if (!OPEN_PHASES.has(session)) {
        return refused(reject('SESSION_CLOSED', `the exchange session is ${session}`, { session }));
      }
    }
    const now = this.clock.now();
    const day = this.clock.tradingDay();
    this.book.rollDay(day);
    const ctx = orderContext(this.sources, { request, account, instrument, now, day });
    const failures = checkAll(ctx, rules);
    const first = failures[0];
    if (first !== undefined) {
      return refused(decisionOf(first));
    }
    this.reserve(request, ctx);
    const nowMs = now.getTime();
    this.flow.recordOrder(account.id, request.strategyId, nowMs, day, {
      order: ctx.order,
      ...(instrument.security.board === 'FUTURE' && increases(request)
        ? { futuresOpen: { symbol: request.symbol, quantity: request.quantity } }
        : {}),
    });
    this.observeFlow(account.id, ctx);
    return { decision: { approved: true }, cancelFirst: restingOrdersToCancel(ctx) };
  }

  private reserve(request: RiskCheckRequest, ctx: OrderRiskContext): void {
    const reserved = reservationFor(ctx.order, ctx.instrument, ctx.fees);
    const perShare = (reserved + BigInt(request.quantity) - 1n) / BigInt(request.quantity);
    this.book.reserve({
      orderId: request.orderId,
      accountId: request.accountId,
      strategyId: request.strategyId,
      symbol: request.symbol,
      side: request.side,
      quantity: request.quantity,
      cashPerShare: asMoney(request.side === 'BUY' ? perShare : 0n),
      filled: 0,
      limitPrice: ctx.order.limitPrice,
      increases: increases(request),
    });
  }

  /**
   * Counts a message sent at or beyond 80% of a programmatic-trading threshold, this message
   * included: the context's counts were read just before it was recorded, in the same
   * synchronous step, so they are one short. The usage gauges are read at scrape (FlowGauges).
   */
  private observeFlow(accountId: string, ctx: OrderRiskContext) {
    const usage = flowUsage(
      {
        accountMessagesLastSecond: ctx.flow.accountMessagesLastSecond + 1,
        accountMessagesToday: ctx.flow.accountMessagesToday + 1,
      },
      ctx.limits.programmaticTrading,
    );
    for (const threshold of flowWarnings(usage)) {
      this.metrics.riskProgrammaticWarnings.inc({ account: accountId, threshold });
    }
  }

  private checkCancelFlow(request: CancelRequest): RiskDecision {
    const reservation = this.book.reservation(request.orderId);
    const symbol = reservation?.symbol;
    const instrument = symbol === undefined ? undefined : this.desk.instrument(symbol);
    const now = this.clock.now();
    const day = this.clock.tradingDay();
    const nowMs = now.getTime();
    const strategyId = request.strategyId;
    const switched =
      strictestMode(killSwitchModesFor(this.controls.killSwitch, request.accountId, strategyId))
        .mode !== KillSwitchMode.ACTIVE;
    const futures = instrument?.security.board === 'FUTURE' ? symbol : undefined;
    // An order this instance never reserved (placed before a takeover and already gone) has no
    // instrument to judge the session by: the cancel only takes risk away, so it passes.
    if (instrument !== undefined && !switched) {
      const limits = effectiveLimits(this.controls.limits, {
        accountId: request.accountId,
        strategyId,
        symbol: instrument.security.symbol,
      });
      const failures = checkCancel(
        {
          accountId: request.accountId,
          strategyId,
          instrument,
          now,
          isTradingDay: this.desk.isTradingDay,
          limits,
          market: DEFAULT_MARKET_PARAMETERS,
          flow: this.flow.counts(request.accountId, strategyId, nowMs, day),
          futuresCancelsToday:
            futures === undefined
              ? 0
              : this.flow.futuresCancelsToday(request.accountId, futures, day),
        },
        this.cancelRules,
      );
      const first = failures[0];
      if (first !== undefined) {
        return decisionOf(first);
      }
    }
    this.flow.recordCancel(request.accountId, strategyId, nowMs, day, futures);
    return { approved: true };
  }

  private async cancelResting(account: AccountConfig, orderId: string): Promise<void> {
    const resting = this.book.reservation(orderId);
    if (resting === undefined) {
      return;
    }
    const now = this.clock.now();
    this.flow.recordCancel(account.id, resting.strategyId, now.getTime(), this.clock.tradingDay());
    await this.enqueueCancel(account, {
      orderId,
      accountId: account.id,
      strategyId: resting.strategyId,
      brokerOrderId: null,
    });
    this.logger.info({ orderId }, 'resting order cancelled before a crossing order (self-trade)');
  }

  private async enqueueCancel(
    account: AccountConfig,
    request: CancelRequest,
  ): Promise<RiskDecision> {
    const now = this.clock.now();
    const job: CancelOrderJob = {
      kind: 'CANCEL',
      orderId: request.orderId,
      accountId: request.accountId,
      strategyId: request.strategyId,
      remark: remarkForOrder(request.orderId as OrderId),
      ...(request.brokerOrderId === null ? {} : { brokerOrderId: request.brokerOrderId }),
      enqueuedAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ROUTE_JOB_TTL_MS * this.clock.scale).toISOString(),
    };
    try {
      await this.routes.enqueue(account.connector, job);
    } catch (error) {
      this.logger.error({ err: error, orderId: request.orderId }, 'cancel enqueue failed');
      return reject(
        'CONNECTOR_UNAVAILABLE',
        `cannot queue the cancel for connector ${account.connector}`,
      );
    }
    return { approved: true };
  }

  private readonly budgets = new Map<string, Map<string, Money | null>>();

  private budget(strategyId: string, accountId: string): Money | null {
    let byAccount = this.budgets.get(strategyId);
    if (byAccount === undefined) {
      byAccount = new Map();
      this.budgets.set(strategyId, byAccount);
    }
    let budget = byAccount.get(accountId);
    if (budget === undefined) {
      budget = this.desk.budget(strategyId, accountId);
      byAccount.set(accountId, budget);
    }
    return budget;
  }

  private startingCash(account: AccountConfig): Money {
    let cash = this.cashByAccount.get(account.id);
    if (cash === undefined) {
      cash = moneyFromYuan(account.cash);
      this.cashByAccount.set(account.id, cash);
    }
    return cash;
  }
}
