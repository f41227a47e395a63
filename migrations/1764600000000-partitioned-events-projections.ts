import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * order_events partitioned by trading day (an order's events by the order's creation day in
 * Asia/Shanghai, other events by their own), event ids unique per partition, the function that
 * creates future partitions, and
 * the projections ingestion keeps: broker positions, broker assets and per-book daily flows.
 * docs/persistence.md explains the choices.
 */
export class PartitionedEventsProjections1764600000000 implements MigrationInterface {
  name = 'PartitionedEventsProjections1764600000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "order_events" RENAME TO "order_events_v1"`);
    await runner.query(
      `ALTER TABLE "order_events_v1" RENAME CONSTRAINT "pk_order_events" TO "pk_order_events_v1"`,
    );
    await runner.query(`ALTER INDEX "uq_order_events_event_id" RENAME TO "uq_order_events_v1_id"`);
    await runner.query(`ALTER INDEX "ix_order_events_order" RENAME TO "ix_order_events_v1_order"`);
    // The sequence moves to the new table, so stream positions (SSE ids) stay valid.
    await runner.query(`ALTER SEQUENCE "order_events_seq_seq" OWNED BY NONE`);
    await runner.query(`
      CREATE TABLE "order_events" (
        "seq" bigint NOT NULL DEFAULT nextval('order_events_seq_seq'),
        "trading_day" date NOT NULL,
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
        "tx_id" bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
        -- The update stream tails by (tx_id, seq) behind the oldest running transaction
        -- (docs/update-stream.md), so appends need no lock; the key serves that read, and the
        -- partition key must be in it.
        CONSTRAINT "pk_order_events" PRIMARY KEY ("tx_id", "seq", "trading_day")
      ) PARTITION BY RANGE ("trading_day")`);
    await runner.query(`ALTER SEQUENCE "order_events_seq_seq" OWNED BY "order_events"."seq"`);
    await runner.query(
      `CREATE INDEX "ix_order_events_order" ON "order_events" ("order_id", "seq")`,
    );
    // Catches any day no partition was made for yet, so an insert never fails for want of one.
    await runner.query(`CREATE TABLE "order_events_default" PARTITION OF "order_events" DEFAULT`);
    // Event ids are unique within a partition; an order's events all go to its creation day's
    // partition, so a replayed callback meets its first copy (docs/persistence.md).
    await runner.query(
      `CREATE UNIQUE INDEX "uq_order_events_event" ON "order_events" ("event_id", "trading_day")`,
    );
    await runner.query(ENSURE_PARTITIONS_FUNCTION);
    await runner.query(`
      INSERT INTO "order_events"
        ("seq", "trading_day", "event_id", "order_id", "account_id", "type", "source", "outcome",
         "state_after", "payload", "event_ts", "recorded_at")
      SELECT v."seq",
             (coalesce(o."created_at", v."event_ts") AT TIME ZONE 'Asia/Shanghai')::date,
             v."event_id", v."order_id", v."account_id", v."type", v."source", v."outcome",
             v."state_after", v."payload", v."event_ts", v."recorded_at"
        FROM "order_events_v1" v LEFT JOIN "orders" o ON o."order_id" = v."order_id"`);
    await runner.query(`DROP TABLE "order_events_v1"`);
    // A week back (late replays) and a month ahead; the OMS extends it daily.
    await runner.query(`
      SELECT qmt_ensure_event_partitions(
        (now() AT TIME ZONE 'Asia/Shanghai')::date - 7,
        (now() AT TIME ZONE 'Asia/Shanghai')::date + 30)`);

    await runner.query(`
      CREATE TABLE "broker_positions" (
        "account_id" varchar(48) NOT NULL,
        "symbol" varchar(32) NOT NULL,
        "volume" bigint NOT NULL,
        "sellable_volume" bigint NOT NULL,
        "frozen_volume" bigint NOT NULL,
        "yesterday_volume" bigint NOT NULL,
        "avg_price" bigint NOT NULL,
        "market_value" numeric(30,0) NOT NULL,
        "as_of" TIMESTAMP WITH TIME ZONE NOT NULL,
        "event_seq" bigint NOT NULL,
        CONSTRAINT "pk_broker_positions" PRIMARY KEY ("account_id", "symbol")
      )`);
    await runner.query(`
      CREATE TABLE "broker_assets" (
        "account_id" varchar(48) NOT NULL,
        "cash" numeric(30,0) NOT NULL,
        "frozen_cash" numeric(30,0) NOT NULL,
        "market_value" numeric(30,0) NOT NULL,
        "total_asset" numeric(30,0) NOT NULL,
        "as_of" TIMESTAMP WITH TIME ZONE NOT NULL,
        "event_seq" bigint NOT NULL,
        CONSTRAINT "pk_broker_assets" PRIMARY KEY ("account_id")
      )`);
    await runner.query(`
      CREATE TABLE "book_flows" (
        "account_id" varchar(48) NOT NULL,
        "strategy_id" varchar(48) NOT NULL,
        "symbol" varchar(32) NOT NULL,
        "trading_day" date NOT NULL,
        "bought" bigint NOT NULL DEFAULT 0,
        "sold" bigint NOT NULL DEFAULT 0,
        "buy_amount" numeric(30,0) NOT NULL DEFAULT 0,
        "sell_amount" numeric(30,0) NOT NULL DEFAULT 0,
        "commission" numeric(30,0) NOT NULL DEFAULT 0,
        CONSTRAINT "pk_book_flows" PRIMARY KEY ("account_id", "strategy_id", "symbol", "trading_day")
      )`);
    await runner.query(`
      INSERT INTO "broker_positions"
      SELECT DISTINCT ON ("account_id", "payload"->>'symbol')
             "account_id", "payload"->>'symbol', ("payload"->>'volume')::bigint,
             ("payload"->>'sellableVolume')::bigint, ("payload"->>'frozenVolume')::bigint,
             ("payload"->>'yesterdayVolume')::bigint, ("payload"->>'avgPrice')::bigint,
             ("payload"->>'marketValue')::numeric, "event_ts", "seq"
        FROM "order_events" WHERE "type" = 'POSITION'
       ORDER BY "account_id", "payload"->>'symbol', "seq" DESC`);
    await runner.query(`
      INSERT INTO "broker_assets"
      SELECT DISTINCT ON ("account_id")
             "account_id", ("payload"->>'cash')::numeric, ("payload"->>'frozenCash')::numeric,
             ("payload"->>'marketValue')::numeric, ("payload"->>'totalAsset')::numeric,
             "event_ts", "seq"
        FROM "order_events" WHERE "type" = 'ASSET'
       ORDER BY "account_id", "seq" DESC`);
    await runner.query(`
      INSERT INTO "book_flows"
      SELECT "account_id", "strategy_id", "symbol", ("traded_at" AT TIME ZONE 'Asia/Shanghai')::date,
             SUM(CASE WHEN "side" = 'SELL' THEN 0 ELSE "quantity" END),
             SUM(CASE WHEN "side" = 'SELL' THEN "quantity" ELSE 0 END),
             SUM(CASE WHEN "side" = 'SELL' THEN 0 ELSE "amount" END),
             SUM(CASE WHEN "side" = 'SELL' THEN "amount" ELSE 0 END),
             SUM("commission")
        FROM "trades" WHERE "strategy_id" IS NOT NULL
       GROUP BY 1, 2, 3, 4`);

    // Algo parents list their children (order detail, GET /v1/orders?parentId=).
    await runner.query(
      `CREATE INDEX "ix_orders_parent" ON "orders" ("parent_id", "created_at") WHERE "parent_id" IS NOT NULL`,
    );
    // Order rows are updated several times each: room on the page keeps those updates HOT.
    await runner.query(`ALTER TABLE "orders" SET (fillfactor = 80)`);

    // Dead letters: what kind, which event, and a key so a redelivered poison entry is kept once.
    await runner.query(`ALTER TABLE "event_dead_letters" ADD "kind" varchar(32)`);
    await runner.query(`UPDATE "event_dead_letters" SET "kind" = 'MALFORMED'`);
    await runner.query(`ALTER TABLE "event_dead_letters" ALTER COLUMN "kind" SET NOT NULL`);
    await runner.query(`ALTER TABLE "event_dead_letters" ADD "event_id" varchar(200)`);
    await runner.query(`ALTER TABLE "event_dead_letters" ADD "dedupe_key" varchar(256)`);
    await runner.query(`UPDATE "event_dead_letters" SET "dedupe_key" = 'legacy:' || "seq"::text`);
    await runner.query(`ALTER TABLE "event_dead_letters" ALTER COLUMN "dedupe_key" SET NOT NULL`);
    await runner.query(
      `CREATE UNIQUE INDEX "uq_event_dead_letters_key" ON "event_dead_letters" ("dedupe_key")`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "orders" RESET (fillfactor)`);
    await runner.query(`DROP INDEX "ix_orders_parent"`);
    await runner.query(`DROP INDEX "uq_event_dead_letters_key"`);
    await runner.query(`ALTER TABLE "event_dead_letters" DROP COLUMN "dedupe_key"`);
    await runner.query(`ALTER TABLE "event_dead_letters" DROP COLUMN "event_id"`);
    await runner.query(`ALTER TABLE "event_dead_letters" DROP COLUMN "kind"`);
    await runner.query(`DROP TABLE "book_flows"`);
    await runner.query(`DROP TABLE "broker_assets"`);
    await runner.query(`DROP TABLE "broker_positions"`);
    await runner.query(`ALTER TABLE "order_events" RENAME TO "order_events_v2"`);
    await runner.query(`ALTER SEQUENCE "order_events_seq_seq" OWNED BY NONE`);
    await runner.query(`
      CREATE TABLE "order_events" (
        "seq" bigint NOT NULL DEFAULT nextval('order_events_seq_seq'),
        "event_id" varchar(200) NOT NULL,
        "order_id" varchar(32),
        "account_id" varchar(48) NOT NULL,
        "type" varchar(32) NOT NULL,
        "source" varchar(64) NOT NULL,
        "outcome" varchar(48) NOT NULL,
        "state_after" varchar(32),
        "payload" jsonb NOT NULL,
        "event_ts" TIMESTAMP WITH TIME ZONE NOT NULL,
        "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      INSERT INTO "order_events"
      SELECT "seq", "event_id", "order_id", "account_id", "type", "source", "outcome",
             "state_after", "payload", "event_ts", "recorded_at" FROM "order_events_v2"`);
    await runner.query(`DROP TABLE "order_events_v2"`);
    await runner.query(`ALTER SEQUENCE "order_events_seq_seq" OWNED BY "order_events"."seq"`);
    await runner.query(
      `ALTER TABLE "order_events" ADD CONSTRAINT "pk_order_events" PRIMARY KEY ("seq")`,
    );
    await runner.query(
      `CREATE UNIQUE INDEX "uq_order_events_event_id" ON "order_events" ("event_id")`,
    );
    await runner.query(
      `CREATE INDEX "ix_order_events_order" ON "order_events" ("order_id", "seq")`,
    );
    await runner.query(`DROP FUNCTION qmt_ensure_event_partitions(date, date)`);
  }
}

/**
 * Creates the daily partitions of order_events from first_day to last_day that do not exist yet
 * and returns how many it made. Rows of such a day already in the default partition move into the
 * new one. Callers race (several OMS instances), so an advisory lock makes them take turns.
 */
const ENSURE_PARTITIONS_FUNCTION = `
  CREATE FUNCTION qmt_ensure_event_partitions(first_day date, last_day date) RETURNS integer
  LANGUAGE plpgsql AS $$
  DECLARE
    day date;
    part text;
    made integer := 0;
  BEGIN
    PERFORM pg_advisory_xact_lock(7310044);
    FOR day IN SELECT generate_series(first_day, last_day, interval '1 day')::date LOOP
      part := 'order_events_p' || to_char(day, 'YYYYMMDD');
      CONTINUE WHEN to_regclass(part) IS NOT NULL;
      IF EXISTS (SELECT 1 FROM order_events_default WHERE trading_day = day) THEN
        EXECUTE format('CREATE TABLE %I (LIKE order_events INCLUDING DEFAULTS)', part);
        EXECUTE format(
          'WITH moved AS (DELETE FROM order_events_default WHERE trading_day = $1 RETURNING *)
           INSERT INTO %I SELECT * FROM moved', part) USING day;
        EXECUTE format('ALTER TABLE order_events ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
          part, day, day + 1);
      ELSE
        EXECUTE format('CREATE TABLE %I PARTITION OF order_events FOR VALUES FROM (%L) TO (%L)',
          part, day, day + 1);
      END IF;
      made := made + 1;
    END LOOP;
    RETURN made;
  END $$`;
