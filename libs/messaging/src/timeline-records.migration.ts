import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an order's timeline reads beyond the dedup and fence rows: which order a consumed event was about, its
 * type and delivery attempt, when a duplicate last came, and every check-back or settlement answer given.
 */
export class AddTimelineRecords implements MigrationInterface {
  name = 'AddTimelineRecords1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE consumed_events
      ADD COLUMN order_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
      ADD COLUMN event_type VARCHAR(32) NULL,
      ADD COLUMN attempt INT NULL,
      ADD COLUMN last_redelivered_at DATETIME(3) NULL,
      ADD KEY idx_consumed_events_order (order_id)`);
    // Check-backs are rare (a crash, a lost commit): a row each is cheap and says when and what was answered.
    await db.query(`CREATE TABLE check_answers (
      id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
      event_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
      order_id VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
      topic VARCHAR(64) NOT NULL,
      tag VARCHAR(64) NOT NULL,
      answer VARCHAR(16) NOT NULL,
      via VARCHAR(16) NOT NULL,
      answered_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      KEY idx_check_answers_order (order_id),
      KEY idx_check_answers_event (event_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE check_answers');
    await db.query(`ALTER TABLE consumed_events DROP KEY idx_consumed_events_order, DROP COLUMN order_id,
      DROP COLUMN event_type, DROP COLUMN attempt, DROP COLUMN last_redelivered_at`);
  }
}
