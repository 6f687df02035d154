import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccounts1763769600000 implements MigrationInterface {
  name = 'CreateAccounts1763769600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE accounts (
      customer_id VARCHAR(64) NOT NULL PRIMARY KEY,
      balance_cents BIGINT NOT NULL,
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      CONSTRAINT chk_accounts_non_negative CHECK (balance_cents >= 0)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE accounts');
  }
}
