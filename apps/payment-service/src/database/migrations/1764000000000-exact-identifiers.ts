import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identifiers compare byte for byte, as the code compares them: customers `Alice` and `alice` have different
 * accounts. The tables' default collation is case-insensitive, so these columns get utf8mb4_bin; type, length
 * and nullability stay as created.
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
    await db.query(`ALTER TABLE accounts MODIFY customer_id VARCHAR(64) ${charset} NOT NULL`);
    await db.query(`ALTER TABLE payments
      MODIFY order_id CHAR(36) ${charset} NOT NULL,
      MODIFY customer_id VARCHAR(64) ${charset} NOT NULL`);
    await db.query(`ALTER TABLE consumed_events
      MODIFY consumer VARCHAR(64) ${charset} NOT NULL,
      MODIFY event_id VARCHAR(64) ${charset} NOT NULL`);
    await db.query(`ALTER TABLE message_fences MODIFY event_id VARCHAR(64) ${charset} NOT NULL`);
  }
}
