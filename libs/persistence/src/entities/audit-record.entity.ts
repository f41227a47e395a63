import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { bigintNumber } from './transformers.js';

/** The columns of an audit entry, the same in the outbox and, once chained, in audit_log. */
abstract class AuditEntryColumns {
  @Column({ name: 'at', type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'type', type: 'varchar', length: 32 })
  type!: string;

  @Column({ name: 'actor', type: 'varchar', length: 64 })
  actor!: string;

  @Column({ name: 'role', type: 'varchar', length: 16, nullable: true })
  role!: string | null;

  @Column({ name: 'ip', type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'account_id', type: 'varchar', length: 48, nullable: true })
  accountId!: string | null;

  @Column({ name: 'strategy_id', type: 'varchar', length: 48, nullable: true })
  strategyId!: string | null;

  @Column({ name: 'order_id', type: 'varchar', length: 32, nullable: true })
  orderId!: string | null;

  @Column({ name: 'detail', type: 'jsonb' })
  detail!: Record<string, unknown>;
}

/**
 * One audit record (migration 1764700000000, docs/audit.md). Append-only: the database refuses
 * UPDATE and DELETE. Written only by the sealer (sealAuditOutbox), which assigns seq and hashes.
 */
@Entity({ name: 'audit_log' })
@Index('uq_audit_log_prev_hash', ['prevHash'], { unique: true })
@Index('uq_audit_log_hash', ['hash'], { unique: true })
@Index('ix_audit_log_at', ['at'])
@Index('ix_audit_log_actor', ['actor', 'seq'])
@Index('ix_audit_log_account', ['accountId', 'seq'])
@Index('ix_audit_log_strategy', ['strategyId', 'seq'])
@Index('ix_audit_log_order', ['orderId', 'seq'])
@Index('ix_audit_log_type', ['type', 'seq'])
export class AuditRecordEntity extends AuditEntryColumns {
  @PrimaryColumn({
    name: 'seq',
    type: 'bigint',
    transformer: bigintNumber,
    primaryKeyConstraintName: 'pk_audit_log',
  })
  seq!: number;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ name: 'hash', type: 'varchar', length: 64 })
  hash!: string;
}

/** An audit entry waiting to be chained (docs/audit.md): written by AuditLedger, moved by the sealer. */
@Entity({ name: 'audit_outbox' })
export class AuditOutboxEntity extends AuditEntryColumns {
  @PrimaryGeneratedColumn({
    name: 'id',
    type: 'bigint',
    primaryKeyConstraintName: 'pk_audit_outbox',
  })
  id!: string;
}
