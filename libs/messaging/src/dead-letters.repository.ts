import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isDuplicate } from './consumed-events';

/** Past this the last error is cut: a stack or a huge driver message must not fail the recording itself. */
export const LAST_ERROR_MAX_LENGTH = 1000;
/** The list shows the newest this many; older ones stay readable by id. */
const LIST_LIMIT = 200;

/** A message its consumer group gave up on, as recorded when its last delivery failed. */
export interface DeadLetterInput {
  group: string;
  eventId: string;
  topic: string;
  tag: string;
  body: Buffer;
  attempts: number;
  error: unknown;
}

export interface DeadLetter {
  id: number;
  group: string;
  eventId: string;
  topic: string;
  type: string;
  attempts: number;
  lastError: string;
  deadLetteredAt: Date;
  replays: number;
  lastReplayAt: Date | null;
  lastReplayOutcome: string | null;
}

export type ReplayOutcome = 'handled' | 'already_handled' | 'failed' | 'unavailable';

interface DeadLetterRow {
  id: number;
  consumer_group: string;
  event_id: string;
  topic: string;
  tag: string;
  body?: Buffer;
  attempts: number;
  last_error: string;
  dead_lettered_at: Date;
  replays: number;
  last_replay_at: Date | null;
  last_replay_outcome: string | null;
}

const COLUMNS = `id, consumer_group, event_id, topic, tag, attempts, last_error, dead_lettered_at, replays,
  last_replay_at, last_replay_outcome`;

/** The `dead_letters` table: one row per (group, event id); a second dead-lettering updates it. */
@Injectable()
export class DeadLettersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(input: DeadLetterInput): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO dead_letters (consumer_group, event_id, topic, tag, body, attempts, last_error)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE topic = VALUES(topic), tag = VALUES(tag), body = VALUES(body),
         attempts = VALUES(attempts), last_error = VALUES(last_error), dead_lettered_at = CURRENT_TIMESTAMP(3)`,
      [
        input.group,
        input.eventId.slice(0, 128),
        input.topic.slice(0, 128),
        input.tag.slice(0, 128),
        input.body,
        input.attempts,
        describeFailure(input.error),
      ],
    );
  }

  async list(): Promise<DeadLetter[]> {
    const rows = await this.dataSource.query<DeadLetterRow[]>(
      `SELECT ${COLUMNS} FROM dead_letters ORDER BY dead_lettered_at DESC, id DESC LIMIT ${LIST_LIMIT}`,
    );
    return rows.map(toDeadLetter);
  }

  async find(id: number): Promise<(DeadLetter & { body: Buffer }) | undefined> {
    const [row] = await this.dataSource.query<DeadLetterRow[]>(
      `SELECT ${COLUMNS}, body FROM dead_letters WHERE id = ?`,
      [id],
    );
    return row && { ...toDeadLetter(row), body: row.body ?? Buffer.alloc(0) };
  }

  /** Counts a replay; a failed one also replaces the last error. */
  async recordReplay(id: number, outcome: ReplayOutcome, error?: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE dead_letters SET replays = replays + 1, last_replay_at = CURRENT_TIMESTAMP(3),
         last_replay_outcome = ?, last_error = COALESCE(?, last_error) WHERE id = ?`,
      [outcome, error === undefined ? null : describeFailure(error), id],
    );
  }

  /** Has the group's handler already recorded this event as consumed (its dedup record)? */
  wasConsumed(group: string, eventId: string): Promise<boolean> {
    return isDuplicate(this.dataSource.manager, group, eventId, 'read');
  }
}

/** One line naming the failure: its class, its code when it has one, and its message, bounded. */
export function describeFailure(error: unknown): string {
  const failure = error as { name?: unknown; code?: unknown; message?: unknown } | null;
  const name = typeof failure?.name === 'string' ? failure.name : 'Error';
  const code = typeof failure?.code === 'string' ? ` [${failure.code}]` : '';
  const message = typeof failure?.message === 'string' ? failure.message : String(error);
  return `${name}${code}: ${message}`.slice(0, LAST_ERROR_MAX_LENGTH);
}

function toDeadLetter(row: DeadLetterRow): DeadLetter {
  return {
    id: Number(row.id),
    group: row.consumer_group,
    eventId: row.event_id,
    topic: row.topic,
    type: row.tag,
    attempts: row.attempts,
    lastError: row.last_error,
    deadLetteredAt: row.dead_lettered_at,
    replays: row.replays,
    lastReplayAt: row.last_replay_at,
    lastReplayOutcome: row.last_replay_outcome,
  };
}
