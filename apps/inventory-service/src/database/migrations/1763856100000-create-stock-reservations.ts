import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateStockReservations1763856100000 implements MigrationInterface {
  name = 'CreateStockReservations1763856100000';

  async up(db: QueryRunner): Promise<void> {
    // One row per order: the reservation, or the barrier left by an OrderCancelled that came first.
    await db.query(`CREATE TABLE stock_reservations (
      order_id CHAR(36) NOT NULL PRIMARY KEY,
      status VARCHAR(32) NOT NULL,
      items TEXT NOT NULL,
      outcome_event_id CHAR(36) NULL,
      created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE KEY uq_stock_reservations_outcome_event (outcome_event_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE stock_reservations');
  }
}
