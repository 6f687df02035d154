import type { MessageView } from 'rocketmq-client-nodejs';

/** A delivered message whose body parsed as JSON and carries its key as `eventId`. */
export interface ReceivedEvent {
  topic: string;
  tag: string;
  eventId: string;
  body: { eventId: string } & Record<string, unknown>;
  /** 1 for the first delivery. */
  deliveryAttempt: number;
}

/** A body that can never be handled: it is retried like any failure and ends in the DLQ. */
export class PoisonMessageError extends Error {}

export function parseReceivedEvent(
  message: Pick<MessageView, 'topic' | 'tag' | 'keys' | 'body' | 'deliveryAttempt'>,
): ReceivedEvent {
  const eventId = message.keys[0] ?? '';
  let body: unknown;
  try {
    body = JSON.parse(message.body.toString('utf8'));
  } catch {
    throw new PoisonMessageError(`message ${eventId} is not JSON`);
  }
  if (typeof body !== 'object' || body === null || (body as { eventId?: unknown }).eventId !== eventId) {
    throw new PoisonMessageError(`message ${eventId} has no matching eventId in its body`);
  }
  return {
    topic: message.topic,
    tag: message.tag ?? '',
    eventId,
    body: body as ReceivedEvent['body'],
    deliveryAttempt: message.deliveryAttempt ?? 1,
  };
}
