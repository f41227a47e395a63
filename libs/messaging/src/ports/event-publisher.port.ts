import type { GatewayEvent } from '@qmt/contracts';

/** Publishes gateway events on the account's stream (qmt:events:{accountId}). */
export abstract class EventPublisher {
  /** Appends the event; resolves with the stream entry id once the bus has it. */
  abstract publish(event: GatewayEvent): Promise<string>;

  /**
   * Appends events in the order given (per stream, that is the order the bus keeps) and settles
   * each on its own. Adapters may send them together; this default sends one at a time, all
   * issued in this call, so an adapter that keeps call order keeps event order.
   */
  publishBatch(events: readonly GatewayEvent[]): Promise<PromiseSettledResult<string>[]> {
    return Promise.allSettled(events.map((event) => this.publish(event)));
  }
}
