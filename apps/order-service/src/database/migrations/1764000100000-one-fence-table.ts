import { MigrationInterface, QueryRunner } from 'typeorm';

/** OrderCreated is fenced by event id in message_fences like every other event; order_fences goes. */
export class OneFenceTable1764000100000 implements MigrationInterface {
  name = 'OneFenceTable1764000100000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      'INSERT IGNORE INTO message_fences (event_id, fenced_at) SELECT event_id, fenced_at FROM order_fences',
    );
    await db.query('DROP TABLE order_fences');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE order_fences (
      order_id CHAR(36) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL PRIMARY KEY,
      event_id CHAR(36) NOT NULL,
      fenced_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }
}
