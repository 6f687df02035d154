import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Messages a consumer group gave up on, one row per (group, event id), kept for inspection and replay. */
export class CreateDeadLetters implements MigrationInterface {
  name = 'CreateDeadLetters1764100000000';

  async up(db: QueryRunner): Promise<void> {
    // The body is kept as bytes: a poison message need not be valid UTF-8, and a replay must see what came.
    await db.query(`CREATE TABLE dead_letters (
      id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
      consumer_group VARCHAR(64) NOT NULL,
      event_id VARCHAR(128) NOT NULL,
      topic VARCHAR(128) NOT NULL,
      tag VARCHAR(128) NOT NULL,
      body MEDIUMBLOB NOT NULL,
      attempts INT NOT NULL,
      last_error VARCHAR(1000) NOT NULL,
      dead_lettered_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      replays INT NOT NULL DEFAULT 0,
      last_replay_at DATETIME(3) NULL,
      last_replay_outcome VARCHAR(32) NULL,
      UNIQUE KEY dead_letters_event (consumer_group, event_id),
      KEY dead_letters_newest (dead_lettered_at)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE dead_letters');
  }
}
