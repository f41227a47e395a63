import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Algo parents (issue 6): the parameters, the resolved window and schedule, the desk's control
 * (run, pause, cancel) and how far the runtime has got; one row per planned slice, whose primary
 * key (parent, bucket) is what makes a replayed bucket job send nothing twice.
 * docs/algo-runtime.md explains the columns.
 */
export class AlgoOrders1764800000000 implements MigrationInterface {
  name = 'AlgoOrders1764800000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "algo_orders" (
        "parent_id" varchar(32) NOT NULL,
        "account_id" varchar(48) NOT NULL,
        "strategy_id" varchar(48) NOT NULL,
        "symbol" varchar(32) NOT NULL,
        "side" varchar(4) NOT NULL,
        "quantity" bigint NOT NULL,
        "algo_type" varchar(8) NOT NULL,
        "urgency" varchar(16) NOT NULL,
        "max_participation" double precision,
        "limit_price" bigint,
        "trading_day" date NOT NULL,
        "start_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "end_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "bucket_seconds" integer NOT NULL,
        "profile_source" varchar(24),
        "schedule" jsonb,
        "control" varchar(20) NOT NULL DEFAULT 'RUNNING',
        "state" varchar(16) NOT NULL DEFAULT 'SCHEDULED',
        "next_bucket" integer NOT NULL DEFAULT 0,
        "armed_at" TIMESTAMP WITH TIME ZONE,
        "finished_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_algo_orders" PRIMARY KEY ("parent_id")
      )`);
    // The runtime re-arms every unfinished parent at start.
    await runner.query(
      `CREATE INDEX "ix_algo_orders_unfinished" ON "algo_orders" ("trading_day") WHERE "finished_at" IS NULL`,
    );
    await runner.query(`
      CREATE TABLE "algo_slices" (
        "parent_id" varchar(32) NOT NULL,
        "bucket_index" integer NOT NULL,
        "bucket_start" TIMESTAMP WITH TIME ZONE NOT NULL,
        "bucket_end" TIMESTAMP WITH TIME ZONE NOT NULL,
        "child_order_id" varchar(32),
        "quantity" bigint NOT NULL,
        "target_quantity" bigint NOT NULL,
        "wanted_quantity" bigint NOT NULL,
        "participation_cap" bigint,
        "limited_by" varchar(16) NOT NULL,
        "price" bigint,
        "price_basis" varchar(16),
        "skipped" varchar(32),
        "market_volume" bigint,
        "market_notional" numeric(30,0),
        "planned_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_algo_slices" PRIMARY KEY ("parent_id", "bucket_index")
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "algo_slices"`);
    await runner.query(`DROP TABLE "algo_orders"`);
  }
}
