import { MigrationInterface, QueryRunner } from 'typeorm';

/** The order timeout looks for old PENDING orders. */
export class IndexPendingOrders1764000200000 implements MigrationInterface {
  name = 'IndexPendingOrders1764000200000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE orders ADD KEY idx_orders_status_created (status, created_at)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE orders DROP KEY idx_orders_status_created');
  }
}
