import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrders1763769600000 implements MigrationInterface {
  name = 'CreateOrders1763769600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE orders (
      id CHAR(36) NOT NULL PRIMARY KEY,
      customer_id VARCHAR(64) NOT NULL,
      status VARCHAR(16) NOT NULL,
      cancel_reason VARCHAR(32) NULL,
      total_cents BIGINT NOT NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      KEY idx_orders_customer (customer_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await db.query(`CREATE TABLE order_items (
      order_id CHAR(36) NOT NULL,
      line_no SMALLINT NOT NULL,
      sku VARCHAR(64) NOT NULL,
      quantity INT NOT NULL,
      unit_price_cents BIGINT NOT NULL,
      PRIMARY KEY (order_id, line_no),
      CONSTRAINT fk_order_items_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE order_items');
    await db.query('DROP TABLE orders');
  }
}
