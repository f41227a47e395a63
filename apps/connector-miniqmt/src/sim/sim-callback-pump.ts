import type { XtCallback } from '@qmt/domain';
import type { SimClock } from './sim-clock.js';
import type { SimFaults } from './sim-faults.js';

type Listener = (callback: XtCallback) => void;

const orderIdOf = (callback: XtCallback): number | undefined =>
  callback.callback === 'on_disconnected' ||
  callback.callback === 'on_stock_asset' ||
  callback.callback === 'on_stock_position' ||
  callback.callback === 'on_account_status'
    ? undefined
    : callback.data.order_id;

/**
 * xtquant's single callback thread (§3.5): callbacks are queued and delivered one by one, in
 * order, after the configured latency (sim time); a throwing listener is swallowed. Delivery
 * faults act here, on the queue: duplicates, a trade jumping its order's queued updates, an
 * order event jumping its async response, lost async responses.
 */
export class SimCallbackPump {
  private readonly listeners: Listener[] = [];
  private readonly outbox: XtCallback[] = [];
  private pumping = false;

  constructor(
    private readonly clock: SimClock,
    private readonly latencyMs: number,
    private readonly faults: () => SimFaults,
    private readonly random: () => number,
  ) {}

  listen(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Callbacks queued but not delivered yet. */
  get pending(): number {
    return this.outbox.length;
  }

  /** A dead session hears nothing more: what was queued is lost with it. */
  clear(): void {
    this.outbox.length = 0;
  }

  emit(callback: XtCallback): void {
    const faults = this.faults();
    const isAsyncResponse =
      callback.callback === 'on_order_stock_async_response' ||
      callback.callback === 'on_cancel_order_stock_async_response';
    if (
      isAsyncResponse &&
      faults.lostAsyncResponseRate > 0 &&
      this.random() < faults.lostAsyncResponseRate
    ) {
      return;
    }
    this.place(callback, faults);
    if (
      faults.duplicateRate > 0 &&
      callback.callback !== 'on_disconnected' &&
      this.random() < faults.duplicateRate
    ) {
      this.outbox.push(callback);
    }
    this.start();
  }

  private place(callback: XtCallback, faults: SimFaults): void {
    const orderId = orderIdOf(callback);
    const jump =
      (faults.tradeBeforeOrder && callback.callback === 'on_stock_trade') ||
      (faults.orderBeforeAsyncResponse && callback.callback === 'on_stock_order');
    if (jump && orderId !== undefined) {
      const target =
        callback.callback === 'on_stock_trade' ? 'on_stock_order' : 'on_order_stock_async_response';
      const index = this.outbox.findIndex(
        (queued) => queued.callback === target && orderIdOf(queued) === orderId,
      );
      if (index >= 0) {
        this.outbox.splice(index, 0, callback);
        return;
      }
    }
    this.outbox.push(callback);
  }

  private start(): void {
    if (this.pumping) {
      return;
    }
    this.pumping = true;
    const delay = this.clock.realMs(this.latencyMs);
    if (delay <= 0) {
      setImmediate(() => void this.pump());
    } else {
      setTimeout(() => void this.pump(), delay);
    }
  }

  private async pump(): Promise<void> {
    while (this.outbox.length > 0) {
      const next = this.outbox.shift();
      if (next === undefined) {
        break;
      }
      for (const listener of this.listeners) {
        try {
          listener(next);
        } catch {
          // xtquant swallows exceptions raised in callbacks (§3.5); so does the sim.
        }
      }
      if (this.latencyMs > 0 && this.outbox.length > 0) {
        await this.clock.sleep(this.latencyMs);
      }
    }
    this.pumping = false;
  }
}
