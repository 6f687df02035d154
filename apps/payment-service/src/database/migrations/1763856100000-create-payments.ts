import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreatePayments1763856100000 implements MigrationInterface {
  name = 'CreatePayments1763856100000';

  async up(db: QueryRunner): Promise<void> {
    // One row per order: the charge (or its failure), or the barrier left by an OrderCancelled that came first.
    await db.query(`CREATE TABLE payments (
      order_id CHAR(36) NOT NULL PRIMARY KEY,
      customer_id VARCHAR(64) NOT NULL,
      amount_cents BIGINT NOT NULL,
      status VARCHAR(32) NOT NULL,
      reason VARCHAR(32) NULL,
      outcome_event_id CHAR(36) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_payments_outcome_event (outcome_event_id),
      KEY idx_payments_customer (customer_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE payments');
  }
}
