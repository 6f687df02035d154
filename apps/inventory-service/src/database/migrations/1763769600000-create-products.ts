import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateProducts1763769600000 implements MigrationInterface {
  name = 'CreateProducts1763769600000';

  async up(db: QueryRunner): Promise<void> {
    // CHECKs document the invariant; the services never rely on them (MariaDB and MySQL 8 both enforce them).
    await db.query(`CREATE TABLE products (
      sku VARCHAR(64) NOT NULL PRIMARY KEY,
      available INT NOT NULL,
      reserved INT NOT NULL DEFAULT 0,
      sold INT NOT NULL DEFAULT 0,
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      CONSTRAINT chk_products_non_negative CHECK (available >= 0 AND reserved >= 0 AND sold >= 0)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE products');
  }
}
