// The algo runtime (issue 6 §3): arms parents, runs one BullMQ job per bucket, finishes parents.
// All the maths is libs/domain/algo; this file reads and writes state around it. Restart safety
// rests on three things: job ids are deterministic (a re-added job is a no-op), a bucket's slice
// is recorded once (algo_slices primary key) before its child is made, and the child's
// clientOrderId names the bucket (one child per bucket, ever). docs/algo-runtime.md.
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { type AlgoAction, type AlgoJob, type RiskDecision } from '@qmt/contracts';
import {
  buildSchedule,
  executionQuality,
  isParentFinished,
  parentProgress,
  parentXtStatus,
  planSlice,
  priceChild,
  previousTradingDay,
  profileFromMinuteBars,
  scheduleToJson,
  tradingWindowOf,
  asPrice,
  type Instrument,
  type ParentProgress,
  type Schedule,
} from '@qmt/domain';
import { AlgoJobDeferred, AlgoQueue } from '@qmt/messaging';
import { GatewayMetrics, type Logger } from '@qmt/observability';
import {
  AlgoOrderStore,
  OrderStore,
  algoParentOf,
  childOrderOf,
  fillsOf,
  marketOfSlices,
  scheduleOfAlgoRecord,
  type AlgoOrderRecord,
  type AlgoSliceRecord,
  type OrderRecord,
} from '@qmt/persistence';
import { DeskDirectory, ExchangeClock, LOGGER } from '@qmt/runtime';
import { AccountOwnership, notOwnedDecision } from '../lease/account-ownership.js';
import { ExposureBook } from '../projection/exposure-book.js';
import {
  AlgoChildren,
  algoChildOrderId,
  bucketOfChild,
  isOpen,
  type CancelReason,
} from './algo-children.js';
import { AlgoMarketData } from './algo-market-data.port.js';
import { ALGO_RUNTIME_OPTIONS, type AlgoRuntimeOptions } from './algo-runtime.options.js';
import { recordOnOrder, recordOnOrders, type OrderEventItem } from './order-event-recorder.js';

const approved: RiskDecision = { approved: true };
const refuse = (rule: string, message: string): RiskDecision => ({
  approved: false,
  rejection: { rule, message, details: {} },
});

/**
 * Milliseconds back to the same time on the previous trading day (Monday: Friday; the day after
 * a holiday: the day before it), or one day when the calendar shows none within 30 days.
 */
export function previousTradingDayOffsetMs(
  instant: Date,
  isTradingDay: (day: string) => boolean,
): number {
  const day = 86_400_000;
  const shanghaiDay = new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const previous = previousTradingDay(shanghaiDay, isTradingDay);
  return previous === null ? day : Date.parse(shanghaiDay) - Date.parse(previous);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

@Injectable()
export class AlgoEngine implements OnApplicationBootstrap {
  private readonly active = new Map<string, string>();
  /** The accounts whose algo queues this instance works. */
  private readonly worked = new Set<string>();
  private leaseChanges: Promise<void> = Promise.resolve();
  /** The last progress recorded per parent (state, filled, working). */
  private readonly synced = new Map<string, string>();

  constructor(
    private readonly algos: AlgoOrderStore,
    private readonly orders: OrderStore,
    private readonly queue: AlgoQueue,
    private readonly children: AlgoChildren,
    private readonly book: ExposureBook,
    private readonly desk: DeskDirectory,
    private readonly clock: ExchangeClock,
    private readonly market: AlgoMarketData,
    private readonly metrics: GatewayMetrics,
    @Inject(ALGO_RUNTIME_OPTIONS) private readonly options: AlgoRuntimeOptions,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly ownership: AccountOwnership,
  ) {}

  /**
   * Works the algo queues of the accounts this instance holds, and follows the leases: a queue
   * is worked from the moment its account is taken (its unfinished parents re-armed, a no-op
   * for a live chain) until it is lost, so a parent's buckets run where its children's checks
   * are owned (docs/risk-service.md "Leases").
   */
  async onApplicationBootstrap(): Promise<void> {
    this.ownership.onChange((change) => this.followLeases(change.gained, change.lost));
    await this.followLeases(this.ownership.heldOf(this.desk.accountIds()), []);
  }

  private followLeases(gained: readonly string[], lost: readonly string[]): Promise<void> {
    this.leaseChanges = this.leaseChanges.then(async () => {
      const stop = lost.filter((a) => this.worked.has(a));
      const start = gained.filter((a) => !this.worked.has(a));
      for (const account of stop) {
        this.worked.delete(account);
      }
      await this.queue.stopWorking(stop);
      if (start.length === 0) {
        return;
      }
      for (const account of start) {
        this.worked.add(account);
      }
      await this.queue.work(start, (job) => this.handle(job), {
        concurrency: this.options.concurrency,
      });
      const unfinished = (await this.algos.unfinished()).filter((r) => start.includes(r.accountId));
      for (const record of unfinished) {
        if (record.schedule !== null) {
          await this.arm(record);
        }
      }
      this.logger.info({ parents: unfinished.length, accounts: start }, 'algo parents re-armed');
    });
    return this.leaseChanges;
  }

  /** Arms a parent the OMS stored: schedule (once), approval on its row, first job. */
  async start(parentId: string): Promise<RiskDecision> {
    const record = await this.algos.get(parentId);
    if (record === null) {
      return refuse('UNKNOWN_ORDER', `algo parent ${parentId} is not stored`);
    }
    if (!this.ownership.holds(record.accountId)) {
      return notOwnedDecision(this.ownership, record.accountId);
    }
    const instrument = this.desk.instrument(record.symbol);
    const parent = algoParentOf(record);
    if (instrument === undefined || parent === null) {
      return refuse('UNKNOWN_INSTRUMENT', `instrument ${record.symbol} is not known to the desk`);
    }
    const strategy = this.desk.strategy(record.strategyId);
    if (strategy?.accounts.includes(record.accountId) !== true) {
      return refuse(
        'ACCOUNT_NOT_PERMITTED',
        `strategy ${record.strategyId} may not trade account ${record.accountId}`,
      );
    }
    const now = this.clock.now();
    let armed = record;
    if (record.schedule === null) {
      const window = tradingWindowOf(record.tradingDay, record.startAt, record.endAt);
      const bars =
        record.algoType === 'VWAP'
          ? await this.market.minuteBars(record.symbol, record.tradingDay, this.options.profileDays)
          : [];
      const schedule = buildSchedule(
        parent,
        profileFromMinuteBars(bars),
        window,
        record.bucketSeconds,
      );
      armed = await this.algos.saveSchedule(
        parentId,
        scheduleToJson(schedule),
        schedule.profileSource,
        now,
      );
    }
    // The verdict under the id the OMS uses, so whichever writes first wins and the other is a
    // duplicate; the parent is ROUTED before its first progress event can arrive.
    await recordOnOrder(
      this.orders,
      {
        eventId: `risk:${parentId}`,
        orderId: parentId,
        accountId: record.accountId,
        type: 'RISK_APPROVED',
        source: 'risk',
        payload: { algo: record.algoType, buckets: armed.schedule?.buckets.length ?? 0 },
        ts: now,
      },
      { type: 'RISK_APPROVED' },
    );
    await this.arm(armed);
    return approved;
  }

  /** Pause (children cancelled, buckets skipped), resume, or cancel (children cancelled, then end). */
  async control(parentId: string, action: AlgoAction): Promise<RiskDecision> {
    const record = await this.algos.get(parentId);
    if (record === null) {
      return refuse('UNKNOWN_ORDER', `algo parent ${parentId} is not stored`);
    }
    if (!this.ownership.holds(record.accountId)) {
      return notOwnedDecision(this.ownership, record.accountId);
    }
    if (record.finishedAt !== null) {
      return refuse('ALGO_FINISHED', `algo parent ${parentId} is ${record.state}: it has ended`);
    }
    if (record.schedule === null) {
      return refuse('ALGO_NOT_ARMED', `algo parent ${parentId} is still being checked by risk`);
    }
    if (record.control === 'CANCEL_REQUESTED') {
      return action === 'CANCEL'
        ? approved
        : refuse('ALGO_CANCELLING', `algo parent ${parentId} is being cancelled`);
    }
    const now = this.clock.now();
    const control =
      action === 'PAUSE' ? 'PAUSED' : action === 'RESUME' ? 'RUNNING' : 'CANCEL_REQUESTED';
    const updated = await this.algos.setControl(parentId, control, now);
    if (action !== 'RESUME') {
      const open = (await this.algos.children(parentId)).filter((c) => isOpen(c.view.state));
      await this.children
        .cancel(open, action === 'PAUSE' ? 'PAUSE' : 'PARENT_CANCEL', now)
        .catch((error: unknown) => {
          // The lease moved since the check above. The control is stored; the new owner cancels
          // the children (the finish job below, or the next bucket's start for a pause).
          if (!(error instanceof AlgoJobDeferred)) {
            throw error;
          }
        });
    }
    if (action === 'CANCEL') {
      await this.queue.schedule(
        { kind: 'FINISH', accountId: record.accountId, parentId, attempt: 0 },
        0,
      );
    }
    await this.sync(updated, `c${action}${now.getTime()}`);
    return approved;
  }

  async handle(job: AlgoJob): Promise<void> {
    if (!this.ownership.holds(job.accountId)) {
      // The lease moved (or lapsed) while this worker still takes the account's jobs: back to
      // the queue for a second, no attempt spent, for the worker of whoever holds it then.
      throw new AlgoJobDeferred(
        1_000,
        `account ${job.accountId} is not held by this risk instance (${this.ownership.instanceId})`,
      );
    }
    if (job.kind === 'BUCKET') {
      const stop = this.metrics.algoBucketDuration.startTimer();
      try {
        await this.runBucket(job.parentId, job.bucket);
      } finally {
        stop();
      }
    } else {
      await this.finish(job.parentId, job.attempt);
    }
  }

  /** Queues the job the parent is waiting for: its next bucket, or its finish. */
  private async arm(record: AlgoOrderRecord): Promise<void> {
    const schedule = scheduleOfAlgoRecord(record);
    if (schedule === null || record.finishedAt !== null) {
      return;
    }
    this.active.set(record.parentId, record.algoType);
    this.updateActiveGauge();
    if (record.control === 'CANCEL_REQUESTED') {
      await this.queue.schedule(
        { kind: 'FINISH', accountId: record.accountId, parentId: record.parentId, attempt: 0 },
        0,
      );
      return;
    }
    await this.scheduleBucket(schedule, record, record.nextBucket);
  }

  private async scheduleBucket(
    schedule: Schedule,
    record: AlgoOrderRecord,
    index: number,
  ): Promise<void> {
    const { accountId, parentId } = record;
    const bucket = schedule.buckets[index];
    if (bucket === undefined) {
      await this.queue.schedule(
        { kind: 'FINISH', accountId, parentId, attempt: 0 },
        this.clock.wallDelayUntil(schedule.window.end),
      );
      return;
    }
    await this.queue.schedule(
      { kind: 'BUCKET', accountId, parentId, bucket: index },
      this.clock.wallDelayUntil(bucket.start),
    );
  }

  private async runBucket(parentId: string, index: number): Promise<void> {
    const record = await this.algos.get(parentId);
    const schedule = record === null ? null : scheduleOfAlgoRecord(record);
    if (record === null || schedule === null || record.finishedAt !== null) {
      return;
    }
    if (record.control === 'CANCEL_REQUESTED') {
      return; // The finish job owns a cancelled parent.
    }
    const instrument = this.desk.instrument(record.symbol);
    const bucket = schedule.buckets[index];
    if (bucket === undefined || instrument === undefined) {
      await this.scheduleBucket(schedule, record, schedule.buckets.length);
      return;
    }
    if (record.nextBucket > index) {
      // Done before a restart: only make sure the chain goes on.
      await this.scheduleBucket(schedule, record, record.nextBucket);
      return;
    }
    const now = this.clock.now();
    this.metrics.algoBucketLateness.observe(
      Math.max(0, (now.getTime() - bucket.start.getTime()) / this.clock.scale) / 1000,
    );
    const previousVolume = await this.observePrevious(record, schedule, index);
    let kids = await this.algos.children(parentId);
    const earlier = kids.filter((c) => {
      const of = bucketOfChild(parentId, c);
      return of !== null && of < index && isOpen(c.view.state);
    });
    if (earlier.length > 0) {
      await this.children.cancel(earlier, 'BUCKET_END', now);
      kids = await this.settle(parentId, index);
    }
    const planned = this.clock.now();
    let slice = await this.algos.slice(parentId, index);
    if (slice === null) {
      const fresh = await this.plan(
        record,
        schedule,
        instrument,
        index,
        kids,
        previousVolume,
        planned,
      );
      // A concurrent run of the same job may have written first: the stored slice is followed.
      slice = (await this.algos.insertSlice(fresh))
        ? { ...fresh, marketVolume: null, marketNotional: null }
        : await this.algos.slice(parentId, index);
    }
    const sent = slice === null ? null : await this.send(record, slice, this.clock.now());
    const child = sent?.child ?? null;
    const known = child === null || kids.some((c) => c.orderId === child.orderId);
    const progress = await this.sync(
      record,
      `b${index}`,
      known ? kids : [...kids, child],
      sent?.verdict === null || sent === null ? [] : [sent.verdict],
    );
    await this.algos.advance(parentId, index + 1, progress.state, this.clock.now());
    if (progress.state === 'COMPLETED') {
      await this.queue.schedule(
        { kind: 'FINISH', accountId: record.accountId, parentId, attempt: 0 },
        0,
      );
      return;
    }
    await this.scheduleBucket(schedule, record, index + 1);
  }

  /**
   * Market volume over the previous bucket (recorded on its slice for the quality report), or
   * for the first bucket over the same length before the window, which caps it when it starts
   * inside continuous trading.
   */
  private async observePrevious(
    record: AlgoOrderRecord,
    schedule: Schedule,
    index: number,
  ): Promise<number | undefined> {
    const previous = schedule.buckets[index - 1];
    const current = schedule.buckets[index];
    if (previous === undefined) {
      if (current === undefined) {
        return undefined;
      }
      const length = current.end.getTime() - current.start.getTime();
      const from = new Date(current.start.getTime() - length);
      if (tradingWindowOf(record.tradingDay, from, current.start).tradingSeconds * 1000 >= length) {
        const before = await this.market.traded(record.symbol, from, current.start);
        return before?.volume;
      }
      // Right after the open (or lunch) the minutes before are an auction or nothing: the
      // estimate is what traded in the same bucket on the previous trading day.
      const back = previousTradingDayOffsetMs(current.start, this.desk.isTradingDay);
      const yesterday = await this.market.traded(
        record.symbol,
        new Date(current.start.getTime() - back),
        new Date(current.end.getTime() - back),
      );
      return yesterday?.volume;
    }
    const traded = await this.market.traded(record.symbol, previous.start, previous.end);
    if (traded === null) {
      return undefined;
    }
    await this.algos.recordMarket(record.parentId, index - 1, traded.volume, traded.notional);
    return traded.volume;
  }

  /** Waits (a bounded while) for the cancelled children of earlier buckets to end. */
  private async settle(parentId: string, index: number): Promise<OrderRecord[]> {
    const deadline = Date.now() + this.options.settleMs;
    for (;;) {
      const kids = await this.algos.children(parentId);
      const waiting = kids.some((c) => {
        const of = bucketOfChild(parentId, c);
        return of !== null && of < index && isOpen(c.view.state);
      });
      if (!waiting || Date.now() >= deadline) {
        return kids;
      }
      await sleep(25);
    }
  }

  private async plan(
    record: AlgoOrderRecord,
    schedule: Schedule,
    instrument: Instrument,
    index: number,
    kids: readonly OrderRecord[],
    previousVolume: number | undefined,
    now: Date,
  ): Promise<Omit<AlgoSliceRecord, 'marketVolume' | 'marketNotional'>> {
    const bucket = schedule.buckets[index];
    if (bucket === undefined) {
      throw new Error(`bucket ${index} is outside the schedule of ${record.parentId}`);
    }
    const progress = this.progressOf(record, schedule, kids, now);
    const held =
      record.side === 'SELL'
        ? Math.max(0, this.book.sellable(record.accountId, record.strategyId, record.symbol)) +
          progress.workingQuantity
        : 0;
    const plan = planSlice(schedule, index, {
      filledQuantity: progress.filledQuantity,
      workingQuantity: progress.workingQuantity,
      heldQuantity: held,
      marketVolume: previousVolume === undefined ? {} : { previousBucket: previousVolume },
    });
    const base = {
      parentId: record.parentId,
      bucketIndex: index,
      bucketStart: bucket.start,
      bucketEnd: bucket.end,
      childOrderId: null,
      targetQuantity: plan.targetQuantity,
      wantedQuantity: plan.wantedQuantity,
      participationCap: plan.participationCap,
      limitedBy: plan.limitedBy,
      plannedAt: now,
    };
    const skip = (skipped: string) => ({
      ...base,
      quantity: 0,
      price: null,
      priceBasis: null,
      skipped,
    });
    this.metrics.algoSlices.inc({
      type: record.algoType,
      outcome: record.control === 'PAUSED' ? 'PAUSED' : plan.limitedBy,
    });
    if (record.control === 'PAUSED') {
      return skip('PAUSED');
    }
    if (plan.quantity === 0) {
      return { ...base, quantity: 0, price: null, priceBasis: null, skipped: null };
    }
    const quote = await this.market.quote(record.symbol);
    const priced =
      quote === null
        ? null
        : priceChild(
            record.side,
            quote,
            // The last bucket takes the far touch whatever the urgency: the window must complete.
            plan.isFinal ? 'AGGRESSIVE' : record.urgency,
            record.limitPrice === null ? null : asPrice(record.limitPrice),
            instrument.tickSize,
          );
    if (priced === null || !priced.ok) {
      return skip(priced === null ? 'NO_PRICE' : priced.reason);
    }
    return {
      ...base,
      childOrderId: algoChildOrderId(record.parentId, index, bucket.start),
      quantity: plan.quantity,
      price: priced.price,
      priceBasis: priced.atLimit ? 'LIMIT' : priced.basis,
      skipped: null,
    };
  }

  /** Makes sure the slice's child exists and has its verdict (a replay finds both done). */
  private async send(
    record: AlgoOrderRecord,
    slice: AlgoSliceRecord,
    now: Date,
  ): Promise<{ child: OrderRecord; verdict: OrderEventItem | null } | null> {
    if (slice.quantity <= 0 || slice.skipped !== null || slice.price === null) {
      return null;
    }
    const childOrderId =
      slice.childOrderId ?? algoChildOrderId(record.parentId, slice.bucketIndex, slice.bucketStart);
    const placed = await this.children.place(
      record,
      slice.bucketIndex,
      childOrderId,
      slice.quantity,
      slice.price,
      now,
      { deferVerdict: true },
    );
    if (slice.childOrderId !== placed.child.orderId) {
      await this.algos.setSliceChild(record.parentId, slice.bucketIndex, placed.child.orderId);
    }
    if (placed.decision !== null) {
      if (placed.decision.approved) {
        this.metrics.algoChildQuantity.inc(
          { type: record.algoType, side: record.side },
          slice.quantity,
        );
      } else {
        await this.algos.setSliceSkipped(
          record.parentId,
          slice.bucketIndex,
          placed.decision.rejection.rule.slice(0, 32),
        );
      }
    }
    if (placed.decision === null) {
      return { child: placed.child, verdict: null };
    }
    // The child as its verdict leaves it, without reading the row back.
    const state = placed.decision.approved ? 'ROUTED' : 'REJECTED';
    return {
      child: { ...placed.child, view: { ...placed.child.view, state } },
      verdict: placed.verdict,
    };
  }

  /** Ends a parent once no child works any more: cancels what is left, records the end. */
  private async finish(parentId: string, attempt: number): Promise<void> {
    const record = await this.algos.get(parentId);
    const schedule = record === null ? null : scheduleOfAlgoRecord(record);
    if (record === null || schedule === null || record.finishedAt !== null) {
      return;
    }
    const now = this.clock.now();
    const last = schedule.buckets.length - 1;
    const lastBucket = schedule.buckets[last];
    if (lastBucket !== undefined && now.getTime() >= lastBucket.end.getTime()) {
      const traded = await this.market.traded(record.symbol, lastBucket.start, lastBucket.end);
      if (traded !== null) {
        await this.algos.recordMarket(parentId, last, traded.volume, traded.notional);
      }
    }
    const kids = await this.algos.children(parentId);
    const open = kids.filter((c) => isOpen(c.view.state));
    if (open.length > 0) {
      const reason: CancelReason =
        record.control === 'CANCEL_REQUESTED' ? 'PARENT_CANCEL' : 'WINDOW_END';
      await this.children.cancel(open, reason, now);
      if (attempt < this.options.finishAttempts) {
        await this.queue.schedule(
          { kind: 'FINISH', accountId: record.accountId, parentId, attempt: attempt + 1 },
          this.options.finishRetryMs,
        );
        return;
      }
      this.logger.error(
        { parentId, open: open.map((c) => c.orderId) },
        'algo parent still has working children after every finish attempt',
      );
    }
    const progress = await this.sync(record, 'f');
    if (!isParentFinished(progress)) {
      // Filled early, window not over yet: the remaining bucket jobs find nothing to do.
      if (progress.state !== 'COMPLETED') {
        this.logger.warn({ parentId, state: progress.state }, 'algo parent not finished yet');
        return;
      }
    }
    await this.algos.finish(parentId, progress.state, now);
    this.active.delete(parentId);
    this.synced.delete(parentId);
    this.updateActiveGauge();
    await this.observeQuality(record, schedule, progress, now);
  }

  private async observeQuality(
    record: AlgoOrderRecord,
    schedule: Schedule,
    progress: ParentProgress,
    now: Date,
  ): Promise<void> {
    const [fills, slices] = await Promise.all([
      this.algos.childFills(record.parentId),
      this.algos.slices(record.parentId),
    ]);
    const asOf = now.getTime() < schedule.window.end.getTime() ? now : schedule.window.end;
    const quality = executionQuality(schedule, fillsOf(fills), marketOfSlices(slices), asOf);
    const labels = { type: record.algoType };
    this.metrics.algoParentsFinished.inc({ ...labels, state: progress.state });
    this.metrics.algoFillRate.observe(labels, quality.fillRate);
    this.metrics.algoTrackingError.observe(labels, quality.trackingError.rms);
    if (quality.participation !== null) {
      this.metrics.algoParticipation.observe(labels, quality.participation);
    }
    if (quality.slippageBps !== null) {
      this.metrics.algoSlippage.observe({ ...labels, side: record.side }, quality.slippageBps);
    }
  }

  private progressOf(
    record: AlgoOrderRecord,
    schedule: Schedule,
    kids: readonly OrderRecord[],
    now: Date,
  ): ParentProgress {
    return parentProgress(
      { quantity: record.quantity, control: record.control, schedule },
      kids.map(childOrderOf),
      now,
    );
  }

  /**
   * Derives the parent's progress and records it on the parent's own row and event log; an
   * unchanged progress is not recorded again (each record takes the event log's lock).
   */
  private async sync(
    record: AlgoOrderRecord,
    tag: string,
    known?: readonly OrderRecord[],
    alongside: readonly OrderEventItem[] = [],
  ): Promise<ParentProgress> {
    const schedule = scheduleOfAlgoRecord(record);
    if (schedule === null) {
      throw new Error(`algo parent ${record.parentId} has no schedule`);
    }
    const now = this.clock.now();
    const progress = this.progressOf(
      record,
      schedule,
      known ?? (await this.algos.children(record.parentId)),
      now,
    );
    if (progress.overfilledQuantity > 0) {
      this.logger.error(
        { parentId: record.parentId, overfilled: progress.overfilledQuantity },
        'algo parent overfilled: children filled more than the parent',
      );
    }
    const xtStatus = parentXtStatus(progress);
    const filled = Math.min(progress.filledQuantity, record.quantity);
    const signature = `${progress.state}:${filled}:${progress.workingQuantity}`;
    if (this.synced.get(record.parentId) === signature) {
      await recordOnOrders(this.orders, alongside);
      return progress;
    }
    this.synced.set(record.parentId, signature);
    const progressEvent: OrderEventItem = {
      event: {
        eventId: `algo:${record.parentId}:${tag}:${progress.state}:${filled}:${progress.workingQuantity}`,
        orderId: record.parentId,
        accountId: record.accountId,
        type: 'ALGO_PROGRESS',
        source: 'risk-algo',
        payload: {
          state: progress.state,
          filledQuantity: progress.filledQuantity,
          workingQuantity: progress.workingQuantity,
          remainingQuantity: progress.remainingQuantity,
          targetQuantity: progress.targetQuantity,
          aheadQuantity: progress.aheadQuantity,
          avgFillPrice: progress.avgFillPrice,
          childCount: progress.childCount,
        },
        ts: now,
      },
      change:
        xtStatus === null
          ? null
          : {
              type: 'BROKER_STATUS',
              xtStatus,
              filledQuantity: filled,
              avgFillPrice: progress.avgFillPrice ?? asPrice(0),
              brokerOrderId: 0,
              brokerSysId: '',
              message: `algo ${progress.state}`,
            },
    };
    await recordOnOrders(this.orders, [...alongside, progressEvent]);
    return progress;
  }

  private updateActiveGauge(): void {
    this.metrics.algoParentsActive.reset();
    const counts = new Map<string, number>();
    for (const type of this.active.values()) {
      counts.set(type, (counts.get(type) ?? 0) + 1);
    }
    for (const [type, count] of counts) {
      this.metrics.algoParentsActive.set({ type }, count);
    }
  }
}
