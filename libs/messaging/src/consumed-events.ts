import type { EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { currentDelivery } from './delivery-context';

/**
 * Records that `consumer` has handled `eventId`, inside the caller's local transaction, so the record and the
 * effect commit together. Returns false if it was already recorded: a redelivery, to be acknowledged unchanged
 * (only counted in `redeliveries`, so an operator, or a test, can see that duplicates came and did nothing).
 * A concurrent duplicate waits on the first one's row lock and then sees it.
 */
export async function recordConsumption(manager: EntityManager, consumer: string, eventId: string): Promise<boolean> {
  // Order, type and attempt only feed the order timeline (GET /orders/:id/timeline); dedup is by the key alone.
  const delivery = currentDelivery();
  // One statement that takes the row's X lock at once: a failed INSERT's S lock followed by an UPDATE deadlocked
  // whenever two duplicates held S together. Affected rows: 1 = inserted (first delivery), 2 = counted again.
  const result = await manager.query<{ affectedRows: number }>(
    `INSERT INTO consumed_events (consumer, event_id, order_id, event_type, attempt) VALUES (?, ?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE redeliveries = redeliveries + 1, last_redelivered_at = CURRENT_TIMESTAMP(3)`,
    [consumer, eventId, delivery?.orderId ?? null, delivery?.eventType ?? null, delivery?.attempt ?? null],
  );
  return result.affectedRows === 1;
}

/**
 * How a decision looks at the dedup record: `record` inside the local transaction (the deciding
 * recordConsumption), `read` for a prediction made before it, `assume-first` for a first prediction that skips
 * the read and any lookup that only a duplicate or an out-of-order event could satisfy (almost every delivery is
 * the first, in order; otherwise `record` decides differently and the next prediction reads).
 */
export type DedupCheck = 'record' | 'read' | 'assume-first';

/** Has `consumer` already handled `eventId`? */
export async function isDuplicate(manager: EntityManager, consumer: string, eventId: string, check: DedupCheck) {
  if (check === 'record') return !(await recordConsumption(manager, consumer, eventId));
  if (check === 'assume-first') return false;
  const rows = await manager.query<unknown[]>('SELECT 1 FROM consumed_events WHERE consumer = ? AND event_id = ?', [
    consumer,
    eventId,
  ]);
  return rows.length > 0;
}

/** The tables every consuming and publishing service needs: dedup records and message fences. */
export class CreateMessagingTables implements MigrationInterface {
  name = 'CreateMessagingTables1763856000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE consumed_events (
      consumer VARCHAR(64) NOT NULL,
      event_id VARCHAR(64) NOT NULL,
      consumed_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      redeliveries INT NOT NULL DEFAULT 0,
      PRIMARY KEY (consumer, event_id)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
    await db.query(`CREATE TABLE message_fences (
      event_id VARCHAR(64) NOT NULL PRIMARY KEY,
      fenced_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE message_fences');
    await db.query('DROP TABLE consumed_events');
  }
}
