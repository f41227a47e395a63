/** A stream entry the OMS could not apply, as it goes to the dead-letter stream. */
export interface DeadLetter {
  readonly accountId: string;
  readonly entryId: string;
  /** MALFORMED (not a valid envelope) or ILLEGAL_TRANSITION (the state machine refused it). */
  readonly kind: string;
  readonly eventId: string | null;
  readonly reason: string;
  readonly raw: string;
}

/**
 * The dead-letter stream qmt:dead:{accountId}: where operators and alerting tail what could not
 * be applied. The OMS's event_dead_letters table is the durable record; this is the live feed.
 */
export abstract class DeadLetterSink {
  abstract publish(letter: DeadLetter): Promise<void>;
}
