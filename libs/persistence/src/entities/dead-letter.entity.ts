import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A stream entry that could not be applied: kept, reported, never blocking the stream. */
@Entity({ name: 'event_dead_letters' })
@Index('uq_event_dead_letters_key', ['dedupeKey'], { unique: true })
export class DeadLetterEntity {
  @PrimaryGeneratedColumn({
    name: 'seq',
    type: 'bigint',
    primaryKeyConstraintName: 'pk_event_dead_letters',
  })
  seq!: string;

  @Column({ name: 'account_id', type: 'varchar', length: 48 })
  accountId!: string;

  @Column({ name: 'entry_id', type: 'varchar', length: 64 })
  entryId!: string;

  /** MALFORMED (not a valid envelope) or ILLEGAL_TRANSITION (the state machine refused it). */
  @Column({ name: 'kind', type: 'varchar', length: 32 })
  kind!: string;

  @Column({ name: 'event_id', type: 'varchar', length: 200, nullable: true })
  eventId!: string | null;

  /** Keeps a redelivered poison entry to one row. */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 256 })
  dedupeKey!: string;

  @Column({ name: 'reason', type: 'text' })
  reason!: string;

  @Column({ name: 'raw', type: 'text' })
  raw!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
