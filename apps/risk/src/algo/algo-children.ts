// Child orders of a parent: created once per bucket (the clientOrderId names the bucket, so a
// replayed job finds the child it already made), checked by the same RiskCheckService.check as
// any order, and cancelled through the same cancel path.
import { Injectable } from '@nestjs/common';
import { algoChildClientOrderId, type RiskDecision } from '@qmt/contracts';
import {
  XtOrderType,
  XtPriceType,
  isTerminalState,
  makeOrderId,
  type OrderId,
  type OrderState,
} from '@qmt/domain';
import { AlgoJobDeferred } from '@qmt/messaging';
import { OrderStore, type AlgoOrderRecord, type OrderRecord } from '@qmt/persistence';
import { riskVerdictRecord } from '@qmt/runtime';
import { createHash } from 'node:crypto';
import { RiskCheckService } from '../checks/risk-check.service.js';
import { refusedAsNotOwner } from '../lease/account-ownership.js';
import { recordOnOrder, recordOnOrders, type OrderEventItem } from './order-event-recorder.js';

export type CancelReason = 'BUCKET_END' | 'WINDOW_END' | 'PARENT_CANCEL' | 'PAUSE';

/**
 * The order id of a parent's child for one bucket: the bucket's start as the id's time and a hash
 * of (parent, bucket) as its random part, so the slice row can name its child before the child
 * exists and a replayed bucket finds the same id.
 */
export function algoChildOrderId(parentId: string, bucket: number, bucketStart: Date): OrderId {
  const digest = createHash('sha256').update(`${parentId}/${bucket}`).digest();
  return makeOrderId(
    bucketStart.getTime(),
    Array.from({ length: 10 }, (_, i) => (digest[i] ?? 0) % 32),
  );
}

/** The bucket a child was created for, from its clientOrderId; null for another order. */
export function bucketOfChild(parentId: string, child: OrderRecord): number | null {
  const prefix = `algo-${parentId}-`;
  if (!child.clientOrderId.startsWith(prefix)) {
    return null;
  }
  const bucket = Number(child.clientOrderId.slice(prefix.length));
  return Number.isSafeInteger(bucket) ? bucket : null;
}

/** Not ended: it may still fill (PENDING_RISK and ORDER_UNKNOWN included). */
export const isOpen = (state: OrderState): boolean => !isTerminalState(state);

/** At the broker or on its way there: a cancel can reach it. */
export const isCancellable = (state: OrderState): boolean =>
  isOpen(state) && state !== 'PENDING_RISK';

export interface PlacedChild {
  readonly child: OrderRecord;
  /** The verdict when this call asked risk; null when the child had one already. */
  readonly decision: RiskDecision | null;
  /**
   * The verdict event still to record (with `deferVerdict`), so the caller can write it in one
   * transaction with its own events; until then the child stays PENDING_RISK, which a replay or
   * the OMS's pending-risk sweeper finishes (risk keys reservation and route job by order id).
   */
  readonly verdict: OrderEventItem | null;
}

@Injectable()
export class AlgoChildren {
  constructor(
    private readonly orders: OrderStore,
    private readonly checks: RiskCheckService,
  ) {}

  /** The bucket's child (created if new, checked if it has no verdict yet). */
  async place(
    parent: AlgoOrderRecord,
    bucket: number,
    orderId: string,
    quantity: number,
    price: number,
    now: Date,
    options: { readonly deferVerdict?: boolean } = {},
  ): Promise<PlacedChild> {
    const clientOrderId = algoChildClientOrderId(parent.parentId, bucket);
    const orderType = parent.side === 'SELL' ? XtOrderType.STOCK_SELL : XtOrderType.STOCK_BUY;
    const inserted = await this.orders.insertPending(
      {
        orderId,
        clientOrderId,
        requestHash: createHash('sha256')
          .update(JSON.stringify([parent.parentId, bucket, quantity, price]))
          .digest('hex'),
        accountId: parent.accountId,
        strategyId: parent.strategyId,
        symbol: parent.symbol,
        side: parent.side,
        orderType,
        priceType: XtPriceType.FIX_PRICE,
        price,
        quantity,
        parentId: parent.parentId,
        createdAt: now,
      },
      {
        eventId: `created:${orderId}`,
        orderId,
        accountId: parent.accountId,
        type: 'CREATED',
        source: 'risk-algo',
        payload: { clientOrderId, quantity, parentId: parent.parentId, bucket },
        ts: now,
      },
    );
    const child = inserted.order;
    if (child.view.state !== 'PENDING_RISK') {
      return { child, decision: null, verdict: null };
    }
    const decision = await this.checks.check({
      orderId: child.orderId,
      accountId: child.accountId,
      strategyId: child.strategyId,
      symbol: child.symbol,
      side: parent.side,
      orderType: child.orderType,
      priceType: child.priceType,
      price: child.price,
      quantity: child.quantity,
    });
    if (refusedAsNotOwner(decision)) {
      // The account's lease moved while this bucket ran. A verdict would reject the child for
      // good and leave the slice skipped; instead the child waits in PENDING_RISK and the job
      // goes back to the queue, where the new owner's run of it checks the same child.
      throw new AlgoJobDeferred(1_000, `${decision.rejection.message}: child ${orderId} waits`);
    }
    const verdict: OrderEventItem = riskVerdictRecord(child, decision, now);
    if (options.deferVerdict === true) {
      return { child, decision, verdict };
    }
    await recordOnOrders(this.orders, [verdict]);
    return { child, decision, verdict: null };
  }

  /** Asks the broker to cancel each child that can be; one request per child, ever. */
  async cancel(children: readonly OrderRecord[], reason: CancelReason, now: Date): Promise<number> {
    let asked = 0;
    for (const child of children) {
      if (!isCancellable(child.view.state)) {
        continue;
      }
      await recordOnOrder(
        this.orders,
        {
          eventId: `cancel:${child.orderId}`,
          orderId: child.orderId,
          accountId: child.accountId,
          type: 'CANCEL_REQUESTED',
          source: 'risk-algo',
          payload: { by: 'algo', reason },
          ts: now,
        },
        null,
      );
      const decision = await this.checks.requestCancel({
        orderId: child.orderId,
        accountId: child.accountId,
        strategyId: child.strategyId,
        brokerOrderId: child.view.brokerOrderId,
      });
      if (refusedAsNotOwner(decision)) {
        // As in place: the new owner's run of this job asks again (the event above is kept once).
        throw new AlgoJobDeferred(
          1_000,
          `${decision.rejection.message}: cancel of ${child.orderId} waits`,
        );
      }
      asked += decision.approved ? 1 : 0;
    }
    return asked;
  }
}
