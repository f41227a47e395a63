import type { GatewayEvent } from '@qmt/contracts';
import type { EventPublisher } from '@qmt/messaging';

/**
 * Publishes in callback order without waiting for each append: a batch of queued events is
 * handed to the publisher in one call (the Redis publisher sends a run of one stream's events as
 * one command; every publisher issues its appends in order, so order per stream holds), then
 * awaited together. One batch at a time, so a later event never overtakes an earlier one.
 */
export class OrderedPublisher {
  private queue: GatewayEvent[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly publisher: EventPublisher,
    private readonly onError: (error: unknown, event: GatewayEvent) => void,
  ) {}

  publish(event: GatewayEvent): void {
    this.queue.push(event);
    this.flushing ??= this.flush();
  }

  /** Resolves once everything queued so far is on the bus (or failed and was reported). */
  async drained(): Promise<void> {
    while (this.flushing !== null) {
      await this.flushing;
    }
  }

  private async flush(): Promise<void> {
    // Let the callbacks of this turn join the batch.
    await Promise.resolve();
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      const results = await this.publisher.publishBatch(batch);
      results.forEach((result, i) => {
        const event = batch[i];
        if (result.status === 'rejected' && event !== undefined) {
          this.onError(result.reason, event);
        }
      });
    }
    this.flushing = null;
  }
}
