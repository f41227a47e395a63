import { Inject, Injectable } from '@nestjs/common';
import type {
  CancelOrderJob,
  CancelRequest,
  PlaceOrderJob,
  RiskCheckRequest,
  RiskDecision,
} from '@qmt/contracts';
import {
  DEFAULT_FEES,
  asMoney,
  checkAll,
  formatMoney,
  moneyFromYuan,
  remarkForOrder,
  reservationFor,
  type OrderId,
  type Price,
  type RiskOrder,
  type RuleCode,
} from '@qmt/domain';
import { RouteQueue } from '@qmt/messaging';
import { GatewayMetrics, type Logger } from '@qmt/observability';
import { DeskDirectory, ExchangeClock, LOGGER } from '@qmt/runtime';
import { ExposureBook } from '../projection/exposure-book.js';

/**
 * How long a route job may wait for its connector before it is refused, never sent late: wall
 * time, so a fast sim clock (ExchangeClock.scale) stretches it in exchange time.
 */
const ROUTE_JOB_TTL_MS = 30_000;
const OPEN_PHASES = new Set(['CONTINUOUS', 'OPENING_AUCTION', 'OPENING_AUCTION_NO_CANCEL']);

function reject(
  rule: RuleCode,
  message: string,
  details: Record<string, string> = {},
): RiskDecision {
  return { approved: false, rejection: { rule, message, details } };
}

/** RiskService.Check: verdict, reservation and routing of one order. */
@Injectable()
export class RiskCheckService {
  constructor(
    private readonly desk: DeskDirectory,
    private readonly clock: ExchangeClock,
    private readonly book: ExposureBook,
    private readonly routes: RouteQueue,
    private readonly metrics: GatewayMetrics,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async check(request: RiskCheckRequest): Promise<RiskDecision> {
    const stopTimer = this.metrics.riskCheckDuration.startTimer();
    const decision = this.checkAndReserve(request);
    stopTimer();
    if (!decision.approved) {
      return decision;
    }
    const account = this.desk.account(request.accountId);
    if (account === undefined) {
      return reject('ACCOUNT_NOT_PERMITTED', `account ${request.accountId} is not on this desk`);
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
    return decision;
  }

  /**
   * A cancel is never blocked by exposure rules (it only reduces risk); cancel-rate and
   * kill-switch rules join with the risk issue. Queued once per order: the job id is fixed.
   */
  async requestCancel(request: CancelRequest): Promise<RiskDecision> {
    const account = this.desk.account(request.accountId);
    if (account === undefined) {
      return reject('ACCOUNT_NOT_PERMITTED', `account ${request.accountId} is not on this desk`);
    }
    if (this.book.isConnectorDown(account.connector)) {
      return reject('CONNECTOR_UNAVAILABLE', `connector ${account.connector} is down`);
    }
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

  /** Check and reserve in one synchronous step: no await between them (ARCHITECTURE §4). */
  private checkAndReserve(request: RiskCheckRequest): RiskDecision {
    const account = this.desk.account(request.accountId);
    const strategy = this.desk.strategy(request.strategyId);
    if (account === undefined || strategy?.accounts.includes(account.id) !== true) {
      return reject(
        'ACCOUNT_NOT_PERMITTED',
        `strategy ${request.strategyId} may not trade account ${request.accountId}`,
      );
    }
    const instrument = this.desk.instrument(request.symbol);
    if (instrument === undefined) {
      return reject('UNKNOWN_INSTRUMENT', `instrument ${request.symbol} is not known to the desk`, {
        symbol: request.symbol,
      });
    }
    if (this.book.isConnectorDown(account.connector)) {
      return reject('CONNECTOR_UNAVAILABLE', `connector ${account.connector} is down`);
    }
    const session = this.clock.session();
    if (!OPEN_PHASES.has(session)) {
      return reject('SESSION_CLOSED', `the exchange session is ${session}`, { session });
    }
    const order: RiskOrder = {
      side: request.side,
      quantity: request.quantity,
      limitPrice: request.price === null ? null : (request.price as Price),
      symbol: request.symbol,
    };
    const accountCash =
      moneyFromYuan(account.cash) -
      this.book.spent(account.id) -
      this.book.reservedCash(account.id);
    const budget = this.desk.budget(strategy.id, account.id);
    const budgetLeft =
      budget === null
        ? null
        : budget -
          this.book.spent(account.id, strategy.id) -
          this.book.reservedCash(account.id, strategy.id);
    const sellable = this.book.sellable(account.id, strategy.id, request.symbol);
    const failures = checkAll({
      order,
      instrument,
      availableCash: asMoney(accountCash),
      strategyBudgetLeft: budgetLeft === null ? null : asMoney(budgetLeft),
      sellableQuantity: sellable,
      heldQuantity: Math.max(sellable, 0),
      fees: DEFAULT_FEES,
    });
    const first = failures[0];
    if (first !== undefined) {
      const details = Object.fromEntries(
        Object.entries(first.details).map(([k, v]) => [k, String(v)]),
      );
      return reject(first.rule, first.message, details);
    }
    const reserved = reservationFor(order, instrument, DEFAULT_FEES);
    const perShare = (reserved + BigInt(request.quantity) - 1n) / BigInt(request.quantity);
    this.book.reserve({
      orderId: request.orderId,
      accountId: account.id,
      strategyId: strategy.id,
      symbol: request.symbol,
      side: request.side,
      quantity: request.quantity,
      cashPerShare: asMoney(perShare),
      filled: 0,
    });
    this.logger.debug(
      { orderId: request.orderId, reserved: formatMoney(asMoney(reserved)) },
      'order reserved',
    );
    return { approved: true };
  }
}
