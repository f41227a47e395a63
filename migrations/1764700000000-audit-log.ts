import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The hash-chained audit log (docs/audit.md). seq is assigned by the sealer under an advisory
 * lock, and the unique seq and prev_hash make a fork impossible even if a writer skipped the
 * lock: two records can never claim the same place or the same predecessor. Rows are
 * append-only: triggers refuse UPDATE, DELETE and TRUNCATE for every role, the owner included;
 * only someone who may ALTER the table can lift the guard, and verify then names the row.
 */
export class AuditLog1764700000000 implements MigrationInterface {
  name = 'AuditLog1764700000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "audit_log" (
        "seq" bigint NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "type" varchar(32) NOT NULL,
        "actor" varchar(64) NOT NULL,
        "role" varchar(16),
        "ip" varchar(64),
        "account_id" varchar(48),
        "strategy_id" varchar(48),
        "order_id" varchar(32),
        "detail" jsonb NOT NULL,
        "prev_hash" varchar(64) NOT NULL,
        "hash" varchar(64) NOT NULL,
        CONSTRAINT "pk_audit_log" PRIMARY KEY ("seq")
      )`);
    await runner.query(`CREATE UNIQUE INDEX "uq_audit_log_prev_hash" ON "audit_log" ("prev_hash")`);
    await runner.query(`CREATE UNIQUE INDEX "uq_audit_log_hash" ON "audit_log" ("hash")`);
    await runner.query(`CREATE INDEX "ix_audit_log_at" ON "audit_log" ("at")`);
    await runner.query(`CREATE INDEX "ix_audit_log_actor" ON "audit_log" ("actor", "seq")`);
    await runner.query(`CREATE INDEX "ix_audit_log_account" ON "audit_log" ("account_id", "seq")`);
    await runner.query(
      `CREATE INDEX "ix_audit_log_strategy" ON "audit_log" ("strategy_id", "seq")`,
    );
    await runner.query(`CREATE INDEX "ix_audit_log_order" ON "audit_log" ("order_id", "seq")`);
    await runner.query(`CREATE INDEX "ix_audit_log_type" ON "audit_log" ("type", "seq")`);
    await runner.query(`
      CREATE FUNCTION qmt_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await runner.query(`
      CREATE TRIGGER "audit_log_append_only"
        BEFORE UPDATE OR DELETE ON "audit_log"
        FOR EACH ROW EXECUTE FUNCTION qmt_audit_log_append_only()`);
    await runner.query(`
      CREATE TRIGGER "audit_log_no_truncate"
        BEFORE TRUNCATE ON "audit_log"
        FOR EACH STATEMENT EXECUTE FUNCTION qmt_audit_log_append_only()`);

    // Writers queue entries here inside their own transactions, with no lock; the sealer moves
    // committed ones onto the chain, oldest first.
    await runner.query(`
      CREATE TABLE "audit_outbox" (
        "id" BIGSERIAL NOT NULL,
        "at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "type" varchar(32) NOT NULL,
        "actor" varchar(64) NOT NULL,
        "role" varchar(16),
        "ip" varchar(64),
        "account_id" varchar(48),
        "strategy_id" varchar(48),
        "order_id" varchar(32),
        "detail" jsonb NOT NULL,
        CONSTRAINT "pk_audit_outbox" PRIMARY KEY ("id")
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "audit_outbox"`);
    await runner.query(`DROP TABLE "audit_log"`);
    await runner.query(`DROP FUNCTION qmt_audit_log_append_only()`);
  }
}
