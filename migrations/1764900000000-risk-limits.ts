import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Risk controls (issue 5): the limit document, one row replaced whole (seeded from desk.yaml's
 * `limits:` on the first start), with the versions every risk instance polls to learn of a
 * change; and the kill switch per scope, so a HALTED desk stays halted across restarts.
 * docs/risk-service.md explains them.
 */
export class RiskLimits1764900000000 implements MigrationInterface {
  name = 'RiskLimits1764900000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "risk_limits" (
        "id" smallint NOT NULL,
        "document" jsonb NOT NULL,
        "version" bigint NOT NULL,
        "kill_switch_version" bigint NOT NULL DEFAULT 0,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_by" varchar(48) NOT NULL,
        CONSTRAINT "pk_risk_limits" PRIMARY KEY ("id"),
        CONSTRAINT "ck_risk_limits_one_row" CHECK ("id" = 1)
      )`);
    await runner.query(`
      CREATE TABLE "risk_kill_switches" (
        "scope_type" varchar(16) NOT NULL,
        "scope_id" varchar(48) NOT NULL,
        "mode" varchar(16) NOT NULL,
        "reason" text NOT NULL DEFAULT '',
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_by" varchar(48) NOT NULL,
        CONSTRAINT "pk_risk_kill_switches" PRIMARY KEY ("scope_type", "scope_id"),
        CONSTRAINT "ck_risk_kill_switches_scope" CHECK ("scope_type" IN ('global', 'account', 'strategy')),
        CONSTRAINT "ck_risk_kill_switches_mode" CHECK ("mode" IN ('ACTIVE', 'REDUCE_ONLY', 'HALTED'))
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "risk_kill_switches"`);
    await runner.query(`DROP TABLE "risk_limits"`);
  }
}
