import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identifiers compare byte for byte, as the code compares them: `Alice` and `alice`, Idempotency-Keys `AbC` and
 * `abc` are different. The tables' default collation is case-insensitive, so these columns get utf8mb4_bin;
 * type, length and nullability stay as created.
 */
export class ExactIdentifiers1764000000000 implements MigrationInterface {
  name = 'ExactIdentifiers1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await this.alter(db, 'CHARACTER SET utf8mb4 COLLATE utf8mb4_bin');
  }

  async down(db: QueryRunner): Promise<void> {
    // No charset named: the columns take their table's default again, as they did when created.
    await this.alter(db, '');
  }

  private async alter(db: QueryRunner, charset: string): Promise<void> {
    // MySQL 8 refuses to change the collation of a column in a foreign key; drop it and add it back around.
    await db.query('ALTER TABLE order_items DROP FOREIGN KEY fk_order_items_order');
    await db.query(`ALTER TABLE orders
      MODIFY id CHAR(36) ${charset} NOT NULL,
      MODIFY customer_id VARCHAR(64) ${charset} NOT NULL,
      MODIFY idempotency_key VARCHAR(128) ${charset} NULL`);
    await db.query(`ALTER TABLE order_items
      MODIFY order_id CHAR(36) ${charset} NOT NULL,
      MODIFY sku VARCHAR(64) ${charset} NOT NULL,
      ADD CONSTRAINT fk_order_items_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE`);
    await db.query(`ALTER TABLE order_fences MODIFY order_id CHAR(36) ${charset} NOT NULL`);
    await db.query(`ALTER TABLE order_status_history MODIFY order_id CHAR(36) ${charset} NOT NULL`);
    await db.query(`ALTER TABLE consumed_events
      MODIFY consumer VARCHAR(64) ${charset} NOT NULL,
      MODIFY event_id VARCHAR(64) ${charset} NOT NULL`);
    await db.query(`ALTER TABLE message_fences MODIFY event_id VARCHAR(64) ${charset} NOT NULL`);
  }
}
