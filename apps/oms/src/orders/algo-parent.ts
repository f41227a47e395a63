// The OMS side of an algo parent: the `algo` body checked with the domain's validateAlgoParams
// (400 naming each bad field, nothing written), and the parent's section of the order detail
// (parameters, schedule against actual, slices, quality), derived on read from Postgres.
import {
  XtOrderType,
  checkLot,
  executionQuality,
  parentProgress,
  parsePrice,
  priceToYuan,
  targetAt,
  validateAlgoParams,
  asPrice,
  type Instrument,
  type Side,
} from '@qmt/domain';
import {
  childOrderOf,
  fillsOf,
  marketOfSlices,
  scheduleOfAlgoRecord,
  type AlgoOrderRecord,
  type AlgoSliceRecord,
  type ChildFillRecord,
  type NewAlgoOrder,
  type OrderRecord,
} from '@qmt/persistence';
import { ApiError } from '@qmt/runtime';
import type { AlgoDto } from '../http/create-order.dto.js';

export type AlgoFields = Omit<NewAlgoOrder, 'parentId' | 'accountId' | 'strategyId' | 'createdAt'>;

/** The parent's algo row from the request, or a 400 naming every field that fails. */
export function algoFieldsOf(
  algo: AlgoDto,
  order: {
    readonly side: Side;
    readonly orderType: number;
    readonly quantity: number;
    readonly limitPrice: number | null;
  },
  instrument: Instrument,
  now: Date,
  /** The desk's trading calendar (DeskDirectory.isTradingDay). */
  isTradingDay: (day: string) => boolean,
): AlgoFields {
  if (order.orderType !== XtOrderType.STOCK_BUY && order.orderType !== XtOrderType.STOCK_SELL) {
    throw ApiError.field('orderType', 'an algo parent is a plain stock BUY or SELL (give side)');
  }
  let limitPrice = order.limitPrice;
  if (algo.limitPrice !== undefined) {
    limitPrice = parsePrice(algo.limitPrice);
    if (limitPrice === null) {
      throw ApiError.field(
        'algo.limitPrice',
        `${algo.limitPrice} is not a price in yuan with at most 4 decimals`,
      );
    }
  }
  if (order.side === 'BUY') {
    const lot = checkLot(instrument.security, 'BUY', order.quantity, 0);
    if (!lot.ok) {
      throw ApiError.field(
        'quantity',
        `an algo buy must be a whole number of lots: ${lot.message}`,
      );
    }
  }
  const verdict = validateAlgoParams(
    {
      type: algo.type,
      ...(algo.startTime === undefined ? {} : { startTime: algo.startTime }),
      ...(algo.endTime === undefined ? {} : { endTime: algo.endTime }),
      ...(algo.durationSeconds === undefined ? {} : { durationSeconds: algo.durationSeconds }),
      ...(algo.maxParticipation === undefined ? {} : { maxParticipation: algo.maxParticipation }),
      ...(limitPrice === null ? {} : { limitPrice: asPrice(limitPrice) }),
      ...(algo.urgency === undefined ? {} : { urgency: algo.urgency }),
    },
    instrument,
    now,
    isTradingDay,
    algo.bucketSeconds === undefined ? {} : { bucketSeconds: algo.bucketSeconds },
  );
  if (!verdict.ok) {
    const fields = verdict.errors.map((e) => ({
      path: e.field === 'algo.limitPrice' && algo.limitPrice === undefined ? 'price' : e.field,
      message: e.message,
    }));
    throw ApiError.badRequest(fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields);
  }
  return {
    symbol: instrument.security.symbol,
    side: order.side,
    quantity: order.quantity,
    algoType: verdict.params.type,
    urgency: verdict.params.urgency,
    maxParticipation: verdict.params.maxParticipation,
    limitPrice: verdict.params.limitPrice,
    tradingDay: verdict.window.tradingDay,
    startAt: verdict.window.start,
    endAt: verdict.window.end,
    bucketSeconds: verdict.window.bucketSeconds,
  };
}

const yuan = (units: number | null): number | null =>
  units === null ? null : priceToYuan(asPrice(units));
const round = (value: number | null, digits: number): number | null =>
  value === null ? null : Number(value.toFixed(digits));

/** The `algo` section of a parent's order detail. */
export function algoDetailJson(
  record: AlgoOrderRecord,
  children: readonly OrderRecord[],
  slices: readonly AlgoSliceRecord[],
  fills: readonly ChildFillRecord[],
  now: Date,
): Record<string, unknown> {
  const params = {
    type: record.algoType,
    urgency: record.urgency,
    startTime: record.startAt.toISOString(),
    endTime: record.endAt.toISOString(),
    maxParticipation: record.maxParticipation,
    limitPrice: yuan(record.limitPrice),
    bucketSeconds: record.bucketSeconds,
  };
  const schedule = scheduleOfAlgoRecord(record);
  if (schedule === null) {
    return { ...params, control: record.control, state: record.state, schedule: null };
  }
  const progress = parentProgress(
    { quantity: record.quantity, control: record.control, schedule },
    children.map(childOrderOf),
    now,
  );
  const asOf = now.getTime() < schedule.window.end.getTime() ? now : schedule.window.end;
  const quality = executionQuality(schedule, fillsOf(fills), marketOfSlices(slices), asOf);
  const byBucket = new Map(slices.map((s) => [s.bucketIndex, s]));
  const childById = new Map(children.map((c) => [c.orderId, c]));
  return {
    ...params,
    control: record.control,
    state: progress.state,
    profileSource: schedule.profileSource,
    progress: {
      filledQuantity: progress.filledQuantity,
      workingQuantity: progress.workingQuantity,
      remainingQuantity: progress.remainingQuantity,
      unallocatedQuantity: progress.unallocatedQuantity,
      avgFillPrice: yuan(progress.avgFillPrice),
      scheduledQuantity: targetAt(schedule, now),
      aheadQuantity: progress.aheadQuantity,
      childCount: progress.childCount,
      workingChildCount: progress.workingChildCount,
      nextBucket: record.nextBucket,
      bucketCount: schedule.buckets.length,
    },
    quality: {
      realisedVwap: round(quality.realisedVwap === null ? null : quality.realisedVwap / 10_000, 6),
      marketVwap: round(quality.marketVwap === null ? null : quality.marketVwap / 10_000, 6),
      slippageBps: round(quality.slippageBps, 3),
      fillRate: round(quality.fillRate, 6),
      participation: round(quality.participation, 6),
      marketVolume: Math.round(quality.marketVolume),
      trackingError: {
        max: round(quality.trackingError.max, 6),
        rms: round(quality.trackingError.rms, 6),
        buckets: quality.trackingError.buckets,
      },
    },
    // Schedule against actual, one row per bucket: what it aimed at, what was sent, what filled.
    buckets: schedule.buckets.map((bucket) => {
      const slice = byBucket.get(bucket.index);
      const childId = slice?.childOrderId ?? null;
      const child = childId === null ? undefined : childById.get(childId);
      return {
        index: bucket.index,
        start: bucket.start.toISOString(),
        end: bucket.end.toISOString(),
        cumulativeTarget: bucket.cumulativeTarget,
        childQuantity: slice?.quantity ?? null,
        childOrderId: slice?.childOrderId ?? null,
        price: yuan(slice?.price ?? null),
        priceBasis: slice?.priceBasis ?? null,
        limitedBy: slice?.limitedBy ?? null,
        participationCap: slice?.participationCap ?? null,
        skipped: slice?.skipped ?? null,
        filledQuantity: child?.view.filledQuantity ?? (slice === undefined ? null : 0),
        marketVolume: slice?.marketVolume ?? null,
      };
    }),
  };
}
