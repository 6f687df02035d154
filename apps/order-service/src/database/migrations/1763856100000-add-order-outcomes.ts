import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddOrderOutcomes1763856100000 implements MigrationInterface {
  name = 'AddOrderOutcomes1763856100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders
      ADD COLUMN stock_status VARCHAR(16) NULL AFTER cancel_reason,
      ADD COLUMN payment_status VARCHAR(16) NULL AFTER stock_status`);
    await db.query(`CREATE TABLE order_status_history (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      order_id CHAR(36) NOT NULL,
      status VARCHAR(16) NOT NULL,
      reason VARCHAR(32) NULL,
      event_id CHAR(36) NOT NULL,
      caused_by VARCHAR(64) NULL,
      changed_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_order_status_history_event (event_id),
      KEY idx_order_status_history_order (order_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE order_status_history');
    await db.query('ALTER TABLE orders DROP COLUMN payment_status, DROP COLUMN stock_status');
  }
}
