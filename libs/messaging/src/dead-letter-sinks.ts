import { deadLetterStreamKey } from '@qmt/contracts';
import type { Redis } from 'ioredis';
import { DeadLetterSink, type DeadLetter } from './ports/dead-letter-sink.port.js';

/** Entries a dead-letter stream keeps (approximate trim): a feed, not the record. */
const DEAD_LETTER_STREAM_LENGTH = 10_000;

/** XADD qmt:dead:{accountId} MAXLEN ~ 10000 * with the letter's fields. */
export class RedisDeadLetterSink extends DeadLetterSink {
  constructor(private readonly redis: Redis) {
    super();
  }

  async publish(letter: DeadLetter): Promise<void> {
    await this.redis.xadd(
      deadLetterStreamKey(letter.accountId),
      'MAXLEN',
      '~',
      DEAD_LETTER_STREAM_LENGTH,
      '*',
      'entryId',
      letter.entryId,
      'kind',
      letter.kind,
      'eventId',
      letter.eventId ?? '',
      'reason',
      letter.reason,
      'raw',
      letter.raw,
    );
  }
}

/** The desk without Redis: the latest letters in memory (the table keeps them all). */
export class InMemoryDeadLetterSink extends DeadLetterSink {
  private readonly letters: DeadLetter[] = [];

  publish(letter: DeadLetter): Promise<void> {
    this.letters.push(letter);
    if (this.letters.length > DEAD_LETTER_STREAM_LENGTH) {
      this.letters.shift();
    }
    return Promise.resolve();
  }

  recent(): readonly DeadLetter[] {
    return this.letters;
  }
}
