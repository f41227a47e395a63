import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The walking skeleton's tables: order projection, append-only events, trades, dead letters. */
export class OrdersEventsTrades1764000000000 implements MigrationInterface {
  name = 'OrdersEventsTrades1764000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE "orders" (
        "order_id" varchar(32) NOT NULL,
        "client_order_id" varchar(64) NOT NULL,
        "request_hash" varchar(64) NOT NULL,
        "account_id" varchar(48) NOT NULL,
        "strategy_id" varchar(48) NOT NULL,
        "symbol" varchar(32) NOT NULL,
        "side" varchar(4),
        "order_type" integer NOT NULL,
        "price_type" integer NOT NULL,
        "price" bigint,
        "quantity" bigint NOT NULL,
        "filled_quantity" bigint NOT NULL DEFAULT 0,
        "traded_from_trades" bigint NOT NULL DEFAULT 0,
        "reported_filled" bigint NOT NULL DEFAULT 0,
        "fill_notional" numeric(30,0) NOT NULL DEFAULT 0,
        "reported_avg_price" bigint NOT NULL DEFAULT 0,
        "avg_fill_price" bigint,
        "status" varchar(32) NOT NULL,
        "xt_status" integer,
        "broker_order_id" bigint,
        "broker_sys_id" varchar(64),
        "trade_ids" text array NOT NULL DEFAULT '{}',
        "status_message" text NOT NULL DEFAULT '',
        "parent_id" varchar(32),
        "rejection" jsonb,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_orders" PRIMARY KEY ("order_id")
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX "uq_orders_strategy_client_order" ON "orders" ("strategy_id", "client_order_id")`,
    );
    await runner.query(
      `CREATE INDEX "ix_orders_account_created" ON "orders" ("account_id", "created_at")`,
    );
    await runner.query(`
      CREATE TABLE "order_events" (
        "seq" BIGSERIAL NOT NULL,
        "event_id" varchar(200) NOT NULL,
        "order_id" varchar(32),
        "account_id" varchar(48) NOT NULL,
        "type" varchar(32) NOT NULL,
        "source" varchar(64) NOT NULL,
        "outcome" varchar(48) NOT NULL,
        "state_after" varchar(32),
        "payload" jsonb NOT NULL,
        "event_ts" TIMESTAMP WITH TIME ZONE NOT NULL,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_order_events" PRIMARY KEY ("seq")
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX "uq_order_events_event_id" ON "order_events" ("event_id")`,
    );
    await runner.query(
      `CREATE INDEX "ix_order_events_order" ON "order_events" ("order_id", "seq")`,
    );
    await runner.query(`
      CREATE TABLE "trades" (
        "seq" BIGSERIAL NOT NULL,
        "account_id" varchar(48) NOT NULL,
        "trade_id" varchar(64) NOT NULL,
        "order_id" varchar(32),
        "strategy_id" varchar(48),
        "symbol" varchar(32) NOT NULL,
        "side" varchar(4),
        "quantity" bigint NOT NULL,
        "price" bigint NOT NULL,
        "amount" numeric(30,0) NOT NULL,
        "commission" numeric(30,0) NOT NULL,
        "traded_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "pk_trades" PRIMARY KEY ("seq")
      )`);
    await runner.query(
      `CREATE UNIQUE INDEX "uq_trades_account_trade" ON "trades" ("account_id", "trade_id")`,
    );
    await runner.query(`CREATE INDEX "ix_trades_order" ON "trades" ("order_id")`);
    await runner.query(`
      CREATE TABLE "event_dead_letters" (
        "seq" BIGSERIAL NOT NULL,
        "account_id" varchar(48) NOT NULL,
        "entry_id" varchar(64) NOT NULL,
        "reason" text NOT NULL,
        "raw" text NOT NULL,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_event_dead_letters" PRIMARY KEY ("seq")
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "event_dead_letters"`);
    await runner.query(`DROP TABLE "trades"`);
    await runner.query(`DROP TABLE "order_events"`);
    await runner.query(`DROP TABLE "orders"`);
  }
}
