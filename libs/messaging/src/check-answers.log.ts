import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CheckAnswer } from './transaction-check';

/** How an answer was reached: the broker's check-back, or the publisher settling a failed local transaction. */
export type AnswerVia = 'CHECK_BACK' | 'SETTLE';

/** The half message an answer was about; the body (bytes or the event itself) carries the orderId. */
export interface AnsweredMessage {
  topic: string;
  tag?: string;
  eventId: string;
  body: unknown;
}

/**
 * Writes one `check_answers` row per check-back or settlement answer, for the order timeline. Best effort and
 * off the answer's path: a failed write is logged, never turned into a different answer.
 */
@Injectable()
export class CheckAnswerLog {
  private readonly logger = new Logger(CheckAnswerLog.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  record(message: AnsweredMessage, answer: CheckAnswer, via: AnswerVia): void {
    this.dataSource
      .query('INSERT INTO check_answers (event_id, order_id, topic, tag, answer, via) VALUES (?, ?, ?, ?, ?, ?)', [
        message.eventId,
        orderIdOf(message.body),
        message.topic,
        message.tag ?? '',
        answer,
        via,
      ])
      .catch((error: unknown) =>
        this.logger.warn({ eventId: message.eventId, err: error }, 'could not record a check answer'),
      );
  }
}

/** The event's orderId, from a JSON body (bytes as the broker hands it back, or the object being published). */
export function orderIdOf(body: unknown): string | null {
  try {
    const event: unknown = Buffer.isBuffer(body) ? JSON.parse(body.toString('utf8')) : body;
    const orderId = (event as { orderId?: unknown } | null)?.orderId;
    return typeof orderId === 'string' ? orderId.slice(0, 64) : null;
  } catch {
    return null;
  }
}
