import type { TimelineEntry, TimelineLane, TimelineService } from '@app/contracts';
import type { DataSource } from 'typeorm';

/** An event this service published for the order, as its own row records it (history, reservation, payment). */
export interface PublishedEvent {
  eventId: string;
  eventType: string;
  /** When the row (and so the local transaction) was written. */
  at: Date;
}

interface ConsumedRow {
  event_id: string;
  event_type: string | null;
  attempt: number | null;
  consumed_at: Date;
  redeliveries: number;
  last_redelivered_at: Date | null;
}
interface AnswerRow {
  event_id: string;
  tag: string;
  answer: 'COMMIT' | 'ROLLBACK' | 'UNKNOWN';
  via: 'CHECK_BACK' | 'SETTLE';
  answered_at: Date;
}
interface DeadLetterRow {
  event_id: string;
  tag: string;
  attempts: number;
  last_error: string;
  dead_lettered_at: Date;
}

const LANES: Record<TimelineService, TimelineLane> = {
  'order-service': 'order',
  'inventory-service': 'inventory',
  'payment-service': 'payment',
};

const ANSWER_MEANS = {
  COMMIT: 'the record exists: the broker delivers the message',
  UNKNOWN: 'no record yet, inside the deadline: asked again later',
  ROLLBACK: 'no record past the deadline: fenced and dropped',
};

/**
 * The messaging side of one order's timeline in one service: its receipts (attempt, duplicates), the events it
 * published, check-back and settlement answers, fences and dead letters. Reads only rows the messaging code wrote.
 */
export async function messagingTimeline(
  db: DataSource,
  service: TimelineService,
  orderId: string,
  published: PublishedEvent[],
): Promise<TimelineEntry[]> {
  const lane = LANES[service];
  const [consumed, answers, deadLetters] = await Promise.all([
    db.query<ConsumedRow[]>(
      `SELECT event_id, event_type, attempt, consumed_at, redeliveries, last_redelivered_at
       FROM consumed_events WHERE order_id = ?`,
      [orderId],
    ),
    db.query<AnswerRow[]>('SELECT event_id, tag, answer, via, answered_at FROM check_answers WHERE order_id = ?', [
      orderId,
    ]),
    deadLettersOf(db, orderId),
  ]);
  const decided = new Set(answers.filter((a) => a.answer !== 'UNKNOWN').map((a) => a.event_id));
  const typeOf = new Map<string, string>([
    ...published.map((p): [string, string] => [p.eventId, p.eventType]),
    ...answers.map((a): [string, string] => [a.event_id, a.tag]),
  ]);
  const fences = await fencesOf(db, [...typeOf.keys()]);
  const base = { service, lane };
  return [
    ...consumed.flatMap((row) => receipts(base, row)),
    // Committed right after the local commit by the publisher, unless a check-back or a settlement decided it.
    ...published
      .filter((event) => !decided.has(event.eventId))
      .map((event): TimelineEntry => {
        const { eventId, eventType } = event;
        const title = `${eventType} committed`;
        const detail = 'half message, then the local transaction, then the commit';
        return { ...base, at: iso(event.at), to: 'broker', kind: 'PUBLISHED', title, detail, eventId, eventType };
      }),
    ...answers.map((row): TimelineEntry => {
      const check = row.via === 'CHECK_BACK';
      return {
        ...base,
        at: iso(row.answered_at),
        ...(check ? { lane: 'broker', to: lane } : { to: 'broker' }),
        kind: check ? 'CHECK_BACK' : 'SETTLED',
        title: `${check ? 'check-back' : 'settled'}: ${row.tag} → ${row.answer}`,
        detail: check
          ? ANSWER_MEANS[row.answer]
          : `the local transaction failed to answer; ${ANSWER_MEANS[row.answer]}`,
        eventId: row.event_id,
        eventType: row.tag,
        answer: row.answer,
      };
    }),
    ...fences.map((row): TimelineEntry => ({
      ...base,
      at: iso(row.fenced_at),
      kind: 'FENCED',
      title: `${typeOf.get(row.event_id) ?? 'event'} fenced`,
      detail: 'a local transaction that still tries to record it will fail',
      eventId: row.event_id,
      eventType: typeOf.get(row.event_id),
    })),
    ...deadLetters.map((row): TimelineEntry => ({
      ...base,
      at: iso(row.dead_lettered_at),
      kind: 'DEAD_LETTERED',
      title: `${row.tag} dead-lettered after ${row.attempts} attempts`,
      detail: row.last_error,
      eventId: row.event_id,
      eventType: row.tag,
    })),
  ];
}

function receipts(base: { service: TimelineService; lane: TimelineLane }, row: ConsumedRow): TimelineEntry[] {
  const eventType = row.event_type ?? 'event';
  const attempt = row.attempt ?? undefined;
  const failed =
    attempt && attempt > 1 ? `, after ${attempt - 1} failed ${attempt === 2 ? 'delivery' : 'deliveries'}` : '';
  const hop = { ...base, lane: 'broker' as const, to: base.lane, eventId: row.event_id, eventType };
  const first: TimelineEntry = {
    ...hop,
    at: iso(row.consumed_at),
    kind: 'RECEIVED',
    title: `${eventType} received`,
    detail: `attempt ${attempt ?? '?'}${failed}; dedup record written with the effect`,
    attempt,
    duplicate: false,
  };
  if (row.redeliveries === 0) return [first];
  const again: TimelineEntry = {
    ...hop,
    at: iso(row.last_redelivered_at ?? row.consumed_at),
    kind: 'REDELIVERED',
    title: `${eventType} delivered again (${row.redeliveries}x)`,
    detail: 'duplicate: the dedup record was found, nothing changed',
    duplicate: true,
  };
  return [first, again];
}

async function fencesOf(db: DataSource, eventIds: string[]) {
  if (eventIds.length === 0) return [];
  return db.query<Array<{ event_id: string; fenced_at: Date }>>(
    'SELECT event_id, fenced_at FROM message_fences WHERE event_id IN (?)',
    [eventIds],
  );
}

/** Dead letters carry the event as bytes; the order is found in them (a small table: rare rows). */
async function deadLettersOf(db: DataSource, orderId: string): Promise<DeadLetterRow[]> {
  try {
    return await db.query<DeadLetterRow[]>(
      `SELECT event_id, tag, attempts, last_error, dead_lettered_at FROM dead_letters
       WHERE CONVERT(body USING utf8mb4) LIKE ?`,
      [`%"orderId":"${orderId.replace(/[%_\\"]/g, '')}"%`],
    );
  } catch (error) {
    // A service whose migrations do not create dead_letters (yet) simply has none to show.
    if ((error as { driverError?: { code?: string } }).driverError?.code === 'ER_NO_SUCH_TABLE') return [];
    throw error;
  }
}

const iso = (at: Date) => new Date(at).toISOString();
