import type { GatewayEvent } from '@qmt/contracts';

/** Publishes gateway events on the account's stream (qmt:events:{accountId}). */
export abstract class EventPublisher {
  /** Appends the event; resolves with the stream entry id once the bus has it. */
  abstract publish(event: GatewayEvent): Promise<string>;
}
