import { MigrationInterface, QueryRunner } from 'typeorm';

/** The console lists the newest orders every second (GET /orders); without this it would sort the whole table. */
export class IndexOrdersByCreation1764200100000 implements MigrationInterface {
  name = 'IndexOrdersByCreation1764200100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE orders ADD KEY idx_orders_created (created_at)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE orders DROP KEY idx_orders_created');
  }
}
