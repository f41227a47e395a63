import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Orders by creation time alone, for the pending-risk sweeper's recent window: without it every
 * sweep (each 2 s) read the whole orders table. created_at never changes, so updates stay HOT
 * (a partial index on status would have made every status change a non-HOT update).
 */
export class OrdersCreatedIndex1765000000000 implements MigrationInterface {
  name = 'OrdersCreatedIndex1765000000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX "ix_orders_created" ON "orders" ("created_at")`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "ix_orders_created"`);
  }
}
