import { MigrationInterface, QueryRunner } from 'typeorm';

export class AddIdempotencyAndFences1763769700000 implements MigrationInterface {
  name = 'AddIdempotencyAndFences1763769700000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders
      ADD COLUMN idempotency_key VARCHAR(128) NULL,
      ADD COLUMN request_fingerprint CHAR(64) NULL,
      ADD UNIQUE KEY uq_orders_idempotency_key (idempotency_key)`);
    // A row here means a check-back gave up on that order and rolled its OrderCreated back:
    // the order's local transaction must then fail rather than commit an order nobody will hear of.
    await db.query(`CREATE TABLE order_fences (
      order_id CHAR(36) NOT NULL PRIMARY KEY,
      event_id CHAR(36) NOT NULL,
      fenced_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE order_fences');
    await db.query(
      'ALTER TABLE orders DROP INDEX uq_orders_idempotency_key, DROP COLUMN request_fingerprint, DROP COLUMN idempotency_key',
    );
  }
}
