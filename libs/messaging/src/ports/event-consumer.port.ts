import type { GatewayEvent } from '@qmt/contracts';
import type { StreamBacklogSample } from '@qmt/observability';

/** One stream entry handed to a consumer: a parsed event, or a malformed entry to dead-letter. */
export type DeliveredEvent =
  | {
      readonly entryId: string;
      readonly accountId: string;
      readonly ok: true;
      readonly event: GatewayEvent;
      /** The entry's text as the bus holds it (what the event was parsed from). */
      readonly raw?: string;
    }
  | {
      readonly entryId: string;
      readonly accountId: string;
      readonly ok: false;
      readonly error: string;
      readonly raw: string;
    };

export interface ConsumeOptions {
  /** Consumer group, e.g. "oms" or "risk": every group sees every event once. */
  readonly group: string;
  /** This process's name inside the group. */
  readonly consumer: string;
  readonly accountIds: readonly string[];
  /**
   * Called with a batch of entries (oldest first). Entries are acknowledged only after the
   * promise resolves; if it rejects, the batch is delivered again later (at-least-once).
   */
  readonly handler: (batch: readonly DeliveredEvent[]) => Promise<void>;
  readonly batchSize?: number;
  /** How long a read blocks waiting for new entries, in milliseconds. */
  readonly blockMs?: number;
}

/** Reads account streams as a member of a consumer group (XREADGROUP / XACK / XAUTOCLAIM). */
export abstract class EventConsumer {
  /** Starts a consume loop; resolves once the group exists and the loop runs. */
  abstract consume(options: ConsumeOptions): Promise<void>;
  /** Stops every loop this consumer started and waits for in-flight batches. */
  abstract stop(): Promise<void>;
  /** Pending entries and lag of every (account, group) this consumer reads; for /metrics. */
  backlog(): Promise<readonly StreamBacklogSample[]> {
    return Promise.resolve([]);
  }
}
