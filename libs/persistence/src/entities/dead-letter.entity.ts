import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A stream entry that could not be applied: kept, reported, never blocking the stream. */
@Entity({ name: 'event_dead_letters' })
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

  @Column({ name: 'reason', type: 'text' })
  reason!: string;

  @Column({ name: 'raw', type: 'text' })
  raw!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
