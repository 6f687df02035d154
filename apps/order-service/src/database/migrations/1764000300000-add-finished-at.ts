import { MigrationInterface, QueryRunner } from 'typeorm';

/** When the order became CONFIRMED or CANCELLED: clients (and the benchmark) read it instead of polling. */
export class AddFinishedAt1764000300000 implements MigrationInterface {
  name = 'AddFinishedAt1764000300000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE orders ADD COLUMN finished_at DATETIME(3) NULL AFTER updated_at');
    await db.query(`UPDATE orders o JOIN order_status_history h ON h.order_id = o.id AND h.status = o.status
      SET o.finished_at = h.changed_at WHERE o.status IN ('CONFIRMED', 'CANCELLED')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE orders DROP COLUMN finished_at');
  }
}
