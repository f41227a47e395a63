import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { RiskGateway, type AlgoAction, type RiskDecision } from '@qmt/contracts';
import {
  AuditType,
  XtOrderType,
  applyOrderEvent,
  tradingDayOf,
  type OrderView,
  XtPriceType,
  isTerminalState,
  makeOrderId,
  parsePrice,
  parseSecurityCode,
  sideOfOrderType,
  type XtPriceTypeName,
} from '@qmt/domain';
import { GatewayMetrics, OrderStage, bindLogContext, type Logger } from '@qmt/observability';
import {
  AlgoOrderStore,
  OrderStore,
  recordOrderEvent,
  type NewAlgoOrder,
  type NewOrder,
  type OrderDetail,
  type OrderRecord,
} from '@qmt/persistence';
import {
  ApiError,
  AuditTrail,
  DeskDirectory,
  ExchangeClock,
  LOGGER,
  riskVerdictRecord,
  type Principal,
} from '@qmt/runtime';
import { createHash, randomInt } from 'node:crypto';
import type { CreateOrderDto } from '../http/create-order.dto.js';
import { algoDetailJson, algoFieldsOf } from './algo-parent.js';

/** A new order and, for an algo parent, its parameters. */
interface NormalisedOrder {
  readonly order: NewOrder;
  readonly algo: NewAlgoOrder | null;
}

export interface SubmitResult {
  readonly created: boolean;
  readonly order: OrderRecord;
}

/** The front door: validate, assign the id, write PENDING_RISK first, ask risk, answer. */
@Injectable()
export class OrderService {
  constructor(
    private readonly store: OrderStore,
    private readonly algos: AlgoOrderStore,
    private readonly risk: RiskGateway,
    private readonly desk: DeskDirectory,
    private readonly clock: ExchangeClock,
    private readonly metrics: GatewayMetrics,
    private readonly audit: AuditTrail,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async submit(principal: Principal, dto: CreateOrderDto): Promise<SubmitResult> {
    if (principal.strategyId === null) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'FORBIDDEN',
        `role ${principal.role} cannot submit orders: orders belong to a strategy`,
      );
    }
    if (this.desk.account(dto.accountId) === undefined) {
      throw ApiError.field('accountId', `unknown account ${dto.accountId}`);
    }
    if (!principal.accounts.has(dto.accountId)) {
      throw new ApiError(
        HttpStatus.FORBIDDEN,
        'ACCOUNT_NOT_PERMITTED',
        `strategy ${principal.strategyId} may not trade account ${dto.accountId}`,
      );
    }
    const order = this.normalise(principal.strategyId, dto);
    bindLogContext(orderLogFields(order.order));
    const stop = this.metrics.submitDuration.startTimer();
    try {
      return await this.place(order, process.hrtime.bigint());
    } finally {
      stop();
    }
  }

  private async place({ order, algo }: NormalisedOrder, receivedAt: bigint): Promise<SubmitResult> {
    // An algo parent's parameters are written with its row, so no reader ever sees a parent
    // without them (the pending-risk sweeper would take it for a plain order).
    const inserted = await this.store.insertPending(
      order,
      {
        eventId: `created:${order.orderId}`,
        orderId: order.orderId,
        accountId: order.accountId,
        type: 'CREATED',
        source: 'oms',
        payload: {
          clientOrderId: order.clientOrderId,
          quantity: order.quantity,
          ...(algo === null ? {} : { algo: algo.algoType }),
        },
        ts: order.createdAt,
      },
      algo === null ? undefined : (manager) => AlgoOrderStore.insertWith(manager, algo),
    );
    if (inserted.kind === 'existing') {
      if (inserted.order.requestHash !== order.requestHash) {
        throw new ApiError(
          HttpStatus.CONFLICT,
          'DUPLICATE_CLIENT_ORDER_ID',
          `clientOrderId ${order.clientOrderId} was already used for a different order`,
          undefined,
          { orderId: inserted.order.orderId },
        );
      }
      return { created: false, order: inserted.order };
    }
    this.metrics.ordersSubmitted.inc({ account: order.accountId, strategy: order.strategyId });
    const decided = await this.decide(inserted.order, algo !== null, receivedAt);
    if (decided === null) {
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'RISK_UNAVAILABLE',
        'the risk service did not answer; the order is held in PENDING_RISK and asked again shortly',
        undefined,
        { orderId: order.orderId },
      );
    }
    return { created: true, order: decided };
  }

  /**
   * Asks risk for the verdict on a PENDING_RISK order and records it; null when risk did not
   * answer (the order stays PENDING_RISK). Safe to repeat for the same order: risk keys the
   * reservation and the route job by order id, and the verdict event is stored once.
   */
  async decide(
    order: OrderRecord,
    isAlgoParent?: boolean,
    receivedAt?: bigint,
  ): Promise<OrderRecord | null> {
    bindLogContext(orderLogFields(order));
    const parent = isAlgoParent ?? (await this.algos.get(order.orderId)) !== null;
    let decision: RiskDecision;
    const asked = process.hrtime.bigint();
    try {
      // A parent never goes to a broker: risk arms it, and each child passes check on its own.
      decision = parent
        ? await this.risk.startAlgo({ parentId: order.orderId })
        : await this.risk.check({
            orderId: order.orderId,
            accountId: order.accountId,
            strategyId: order.strategyId,
            symbol: order.symbol,
            side: order.side ?? 'BUY',
            orderType: order.orderType,
            priceType: order.priceType,
            price: order.price,
            quantity: order.quantity,
          });
    } catch (error) {
      this.logger.error({ err: error, orderId: order.orderId }, 'risk check failed');
      return null;
    }
    const answered = process.hrtime.bigint();
    const stages = this.metrics.flow.stageDuration;
    stages.observe({ stage: OrderStage.RISK_CHECK }, secondsBetween(asked, answered));
    if (receivedAt !== undefined) {
      stages.observe({ stage: OrderStage.API_TO_RISK }, secondsBetween(receivedAt, answered));
    }
    const decidedAt = this.clock.now();
    const verdict = riskVerdictRecord(order, decision, decidedAt);
    const { event, change, rejectionDetails } = verdict;
    const audited = riskDecisionEntry(order, 'ORDER', decision);
    // The order as the verdict left it: no need to read it back.
    const decided = (view: OrderView): OrderRecord => ({
      ...order,
      view,
      updatedAt: decidedAt,
      rejectionDetails: rejectionDetails ?? order.rejectionDetails,
    });
    const labels = { account: order.accountId, strategy: order.strategyId };
    const counted = () => {
      if (decision.approved) {
        this.metrics.ordersRouted.inc(labels);
      } else {
        this.metrics.ordersRejected.inc({ ...labels, rule: decision.rejection.rule });
      }
    };
    // The hot path: the order as written is still PENDING_RISK, so the state machine's answer
    // is known here and the verdict goes in one statement, conditioned on the row being as
    // written (OrderStore.recordVerdict).
    const applied =
      order.view.state === 'PENDING_RISK' ? applyOrderEvent(order.view, change) : null;
    if (applied?.kind === 'applied') {
      const recorded = await this.store.recordVerdict(
        { updatedAt: order.updatedAt, tradingDay: tradingDayOf(order.createdAt) },
        {
          orderId: order.orderId,
          view: applied.order,
          updatedAt: decidedAt,
          ...(rejectionDetails === undefined ? {} : { rejectionDetails }),
        },
        event,
        { entry: audited, at: this.audit.now() },
      );
      if (recorded) {
        counted();
        return decided(applied.order);
      }
    }
    // The order moved on (a repeated decide, a sweep after a crash): the general recorder
    // decides against the stored row and stores the verdict once.
    const result = await this.store.transaction(async (ledger) => {
      const recorded = await recordOrderEvent(ledger, verdict);
      // Once per order, like the verdict event: a repeated decide() records nothing new.
      if (recorded.stored) {
        await this.audit.within(ledger, [audited]);
      }
      return recorded;
    });
    if (result.outcome === 'applied') {
      counted();
    }
    // The transaction computed the order as it committed.
    if (result.outcome === 'applied' && result.after !== null) {
      return decided(result.after);
    }
    const stored = await this.store.get(order.orderId);
    if (stored === null) {
      throw new Error(`order ${order.orderId} vanished after ${result.outcome}`);
    }
    return stored;
  }

  /**
   * Requests a cancel: 409 for an order that already ended (or is still being checked), else the
   * request is recorded once and routed; the outcome arrives as 51/52 then 54/53 (or 56 if the
   * order filled first). Asking again is harmless: one event, one cancel job per order.
   */
  async cancel(principal: Principal, orderId: string): Promise<OrderRecord> {
    const order = (await this.get(principal, orderId)).order;
    bindLogContext(orderLogFields(order));
    const isParent = (await this.algos.get(orderId)) !== null;
    const state = order.view.state;
    if (isTerminalState(state)) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'ORDER_NOT_CANCELLABLE',
        `order ${orderId} is ${state}: a finished order cannot be cancelled`,
      );
    }
    if (state === 'PENDING_RISK') {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'ORDER_NOT_CANCELLABLE',
        `order ${orderId} is still being checked by risk; cancel it once it is ROUTED`,
      );
    }
    await this.store.transaction((ledger) =>
      recordOrderEvent(ledger, {
        event: {
          eventId: `cancel:${orderId}`,
          orderId,
          accountId: order.accountId,
          type: 'CANCEL_REQUESTED',
          source: 'oms',
          payload: { by: principal.id },
          ts: this.clock.now(),
        },
        change: null,
      }),
    );
    let decision: RiskDecision;
    try {
      decision = isParent
        ? await this.risk.controlAlgo({ parentId: orderId, action: 'CANCEL' })
        : await this.risk.requestCancel({
            orderId,
            accountId: order.accountId,
            strategyId: order.strategyId,
            brokerOrderId: order.view.brokerOrderId,
          });
    } catch (error) {
      this.logger.error({ err: error, orderId }, 'risk did not take the cancel');
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'RISK_UNAVAILABLE',
        'the risk service did not answer; the cancel was not routed, ask again',
        undefined,
        { orderId },
      );
    }
    await this.audit.record(riskDecisionEntry(order, 'CANCEL', decision));
    if (!decision.approved) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        decision.rejection.rule,
        decision.rejection.message,
        undefined,
        {
          orderId,
          details: decision.rejection.details,
        },
      );
    }
    return order;
  }

  /**
   * Pauses or resumes an algo parent: 409 for an order that is not a running parent. A pause
   * cancels the working children and skips buckets until resumed; the backlog is then caught up
   * as the urgency says.
   */
  async controlAlgo(
    principal: Principal,
    orderId: string,
    action: Exclude<AlgoAction, 'CANCEL'>,
  ): Promise<OrderRecord> {
    const order = (await this.get(principal, orderId)).order;
    bindLogContext(orderLogFields(order));
    if ((await this.algos.get(orderId)) === null) {
      throw new ApiError(
        HttpStatus.CONFLICT,
        'NOT_AN_ALGO_PARENT',
        `order ${orderId} is not an algo parent: only VWAP/TWAP parents pause and resume`,
      );
    }
    const now = this.clock.now();
    await this.store.transaction((ledger) =>
      recordOrderEvent(ledger, {
        event: {
          eventId: `algo-control:${orderId}:${action}:${now.getTime()}`,
          orderId,
          accountId: order.accountId,
          type: action === 'PAUSE' ? 'ALGO_PAUSE_REQUESTED' : 'ALGO_RESUME_REQUESTED',
          source: 'oms',
          payload: { by: principal.id },
          ts: now,
        },
        change: null,
      }),
    );
    let decision: RiskDecision;
    try {
      decision = await this.risk.controlAlgo({ parentId: orderId, action });
    } catch (error) {
      this.logger.error({ err: error, orderId }, 'risk did not take the algo control');
      throw new ApiError(
        HttpStatus.SERVICE_UNAVAILABLE,
        'RISK_UNAVAILABLE',
        `the risk service did not answer; the ${action.toLowerCase()} was not applied, ask again`,
        undefined,
        { orderId },
      );
    }
    if (!decision.approved) {
      throw new ApiError(HttpStatus.CONFLICT, decision.rejection.rule, decision.rejection.message);
    }
    return (await this.store.get(orderId)) ?? order;
  }

  /** The `algo` section of a parent's detail (params, progress, buckets, quality); null otherwise. */
  async algoDetail(detail: OrderDetail): Promise<Record<string, unknown> | null> {
    if (!detail.isAlgoParent) {
      return null;
    }
    const record = await this.algos.get(detail.order.orderId);
    if (record === null) {
      return null;
    }
    const [slices, fills] = await Promise.all([
      this.algos.slices(record.parentId),
      this.algos.childFills(record.parentId),
    ]);
    return algoDetailJson(record, detail.children, slices, fills, this.clock.now());
  }

  async get(principal: Principal, orderId: string) {
    // Text that cannot be an order id is bad input (400), not an unknown order (404).
    if (!/^Q[0-9A-Z]{18}$/.test(orderId)) {
      throw ApiError.field('orderId', 'orderId must be an order id (Q and 18 characters)');
    }
    const detail = await this.store.getDetail(orderId);
    if (detail === null || !this.maySee(principal, detail.order)) {
      throw new ApiError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `order ${orderId} not found`);
    }
    return detail;
  }

  /** A strategy sees only its own orders; the other roles see every order. */
  private maySee(principal: Principal, order: OrderRecord): boolean {
    return principal.strategyId === null || principal.strategyId === order.strategyId;
  }

  private normalise(strategyId: string, dto: CreateOrderDto): NormalisedOrder {
    const parsed = parseSecurityCode(dto.symbol);
    if (!parsed.ok) {
      throw ApiError.field('symbol', parsed.reason);
    }
    if ((dto.side === undefined) === (dto.orderType === undefined)) {
      throw ApiError.field('side', 'give exactly one of side (BUY/SELL) or orderType (xt code)');
    }
    const orderType =
      dto.orderType ?? (dto.side === 'SELL' ? XtOrderType.STOCK_SELL : XtOrderType.STOCK_BUY);
    if (!(Object.values(XtOrderType) as number[]).includes(orderType)) {
      throw ApiError.field('orderType', `${orderType} is not an xtconstant order type`);
    }
    const side = dto.side ?? sideOfOrderType(orderType);
    const priceType = priceTypeCode(dto.priceType);
    if (priceType === undefined) {
      throw ApiError.field(
        'priceType',
        `${String(dto.priceType)} is not LIMIT, LATEST, a MARKET_* name or an xtconstant price type`,
      );
    }
    let price: number | null = null;
    if (priceType === XtPriceType.FIX_PRICE) {
      if (dto.price === undefined) {
        throw ApiError.field('price', 'a LIMIT order needs a price');
      }
      price = parsePrice(dto.price);
      if (price === null) {
        throw ApiError.field(
          'price',
          `${dto.price} is not a price in yuan with at most 4 decimals`,
        );
      }
    } else if (dto.price !== undefined) {
      throw ApiError.field('price', 'only LIMIT orders carry a price');
    }
    const now = this.clock.now();
    let algo: NormalisedOrder['algo'] = null;
    if (dto.algo !== undefined) {
      const instrument = this.desk.instrument(parsed.security.symbol);
      if (instrument === undefined) {
        throw ApiError.field('symbol', `instrument ${dto.symbol} is not known to the desk`);
      }
      algo = {
        parentId: '',
        accountId: dto.accountId,
        strategyId,
        createdAt: now,
        ...algoFieldsOf(
          dto.algo,
          { side, orderType, quantity: dto.quantity, limitPrice: price },
          instrument,
          now,
          this.desk.isTradingDay,
        ),
      };
    }
    const canonical = JSON.stringify([
      dto.accountId,
      dto.symbol,
      side,
      orderType,
      priceType,
      price,
      dto.quantity,
      ...(dto.algo === undefined ? [] : [{ ...dto.algo }]),
    ]);
    const order: NewOrder = {
      orderId: makeOrderId(
        now.getTime(),
        Array.from({ length: 10 }, () => randomInt(32)),
      ),
      clientOrderId: dto.clientOrderId,
      requestHash: createHash('sha256').update(canonical).digest('hex'),
      accountId: dto.accountId,
      strategyId,
      symbol: parsed.security.symbol,
      side,
      orderType,
      priceType,
      price,
      quantity: dto.quantity,
      parentId: null,
      createdAt: now,
    };
    return { order, algo: algo === null ? null : { ...algo, parentId: order.orderId } };
  }
}

/** The fields every log line about this order carries for the rest of the request. */
function orderLogFields(order: {
  readonly orderId: string;
  readonly clientOrderId: string;
  readonly accountId: string;
  readonly strategyId: string;
  readonly parentId?: string | null;
}) {
  return {
    orderId: order.orderId,
    clientOrderId: order.clientOrderId,
    accountId: order.accountId,
    strategyId: order.strategyId,
    ...(order.parentId === null || order.parentId === undefined
      ? {}
      : { parentId: order.parentId }),
  };
}

function secondsBetween(from: bigint, to: bigint): number {
  return Number(to - from) / 1e9;
}

/**
 * The audit entry of risk's verdict on an order or a cancel: the verdict as risk gave it (every
 * field, so rule results risk adds later are kept too) and what was checked.
 */
function riskDecisionEntry(order: OrderRecord, kind: 'ORDER' | 'CANCEL', decision: RiskDecision) {
  return {
    type: AuditType.RISK_DECISION,
    actor: 'risk',
    accountId: order.accountId,
    strategyId: order.strategyId,
    orderId: order.orderId,
    detail: {
      kind,
      approved: decision.approved,
      decision: JSON.parse(JSON.stringify(decision)) as Record<string, never>,
      ...(kind === 'ORDER'
        ? {
            order: {
              symbol: order.symbol,
              side: order.side,
              orderType: order.orderType,
              priceType: order.priceType,
              price: order.price,
              quantity: order.quantity,
            },
          }
        : {}),
    },
  };
}

/** "LIMIT", "LATEST", an xtconstant MARKET_* name, or the xtconstant number itself. */
export function priceTypeCode(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') {
    return undefined;
  }
  if (typeof value === 'number') {
    return (Object.values(XtPriceType) as number[]).includes(value) ? value : undefined;
  }
  if (value === 'LIMIT') {
    return XtPriceType.FIX_PRICE;
  }
  if (value === 'LATEST') {
    return XtPriceType.LATEST_PRICE;
  }
  if (value.startsWith('MARKET_') && value in XtPriceType) {
    return XtPriceType[value as XtPriceTypeName];
  }
  return undefined;
}
