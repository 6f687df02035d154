import type { EntityManager } from 'typeorm';
import type { LocalTransactions } from './local-transactions';
import { messagingMetrics } from './messaging.metrics';

/**
 * The fence of a transactional message: a row in `message_fences` means a check-back gave up on that event id
 * and rolled the half message back, so the local transaction that would have recorded it must fail instead.
 * The local transaction writes its record, then reads the fence with a locking read; the check writes the fence,
 * then reads the record with a locking read. The locks make one see the other: a record and a fence of the same
 * event never both commit, however late the local transaction runs.
 */
export async function assertNotFenced(manager: EntityManager, eventId: string): Promise<void> {
  const fences = await manager.query<unknown[]>('SELECT event_id FROM message_fences WHERE event_id = ? FOR UPDATE', [
    eventId,
  ]);
  if (fences.length > 0) throw new MessageFencedError(eventId);
}

/**
 * Writes the fence unless the record turns up meanwhile. Returns true if the fence stands (answer ROLLBACK),
 * false if the record exists after all (answer COMMIT). `recordQuery` selects the record by event id.
 */
export async function fenceUnlessRecorded(transactions: LocalTransactions, eventId: string, recordQuery: string) {
  const fenced = await transactions
    .run(async (manager) => {
      await manager.query('INSERT IGNORE INTO message_fences (event_id) VALUES (?)', [eventId]);
      const found = await manager.query<unknown[]>(`${recordQuery} LOCK IN SHARE MODE`, [eventId]);
      if (found.length > 0) throw new RecordedAfterAll();
      return true;
    })
    .catch((error: unknown) => {
      if (error instanceof RecordedAfterAll) return false;
      throw error;
    });
  if (fenced) messagingMetrics.fences.inc();
  return fenced;
}

/** A check-back already rolled this message back; retry the work (a redelivery gets a new event id). */
export class MessageFencedError extends Error {
  readonly code = 'MESSAGE_ABANDONED';
  readonly httpStatus = 503;
  constructor(eventId: string) {
    super(`event ${eventId} took too long and its message was rolled back; try again`);
  }
}

/** Rolls the fence transaction back when the record committed meanwhile. */
class RecordedAfterAll extends Error {}
