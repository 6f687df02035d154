import { Topic, Topics } from './topics';

/** Event names double as message tags, so consumers filter on the broker. */
export const EventTypes = {
  orderCreated: 'OrderCreated',
  orderConfirmed: 'OrderConfirmed',
  orderCancelled: 'OrderCancelled',
  stockReserved: 'StockReserved',
  stockRejected: 'StockRejected',
  paymentSucceeded: 'PaymentSucceeded',
  paymentFailed: 'PaymentFailed',
} as const;
export type EventType = (typeof EventTypes)[keyof typeof EventTypes];

/**
 * What every message body carries. `eventId` is also the message key and, with the consumer's name,
 * the dedup key; `version` lets a consumer refuse a payload shape it does not know.
 */
export interface EventEnvelope<TType extends EventType = EventType, TPayload = unknown> {
  eventId: string;
  type: TType;
  version: number;
  orderId: string;
  occurredAt: string;
  payload: TPayload;
}

/** A new event with its envelope filled in; `eventId` must be fresh (it is the message key and the dedup key). */
export function newEvent<E extends EventEnvelope>(
  eventId: string,
  type: E['type'],
  orderId: string,
  payload: E['payload'],
  occurredAt = new Date(),
): E {
  return { eventId, type, version: 1, orderId, occurredAt: occurredAt.toISOString(), payload } as E;
}

const TOPIC_OF: Record<EventType, Topic> = {
  OrderCreated: Topics.orderEvents,
  OrderConfirmed: Topics.orderEvents,
  OrderCancelled: Topics.orderEvents,
  StockReserved: Topics.stockEvents,
  StockRejected: Topics.stockEvents,
  PaymentSucceeded: Topics.paymentEvents,
  PaymentFailed: Topics.paymentEvents,
};

/** The message that carries an event: its topic, the type as tag, the event id as key, the event as body. */
export function toMessage(event: EventEnvelope) {
  return { topic: TOPIC_OF[event.type], tag: event.type, key: event.eventId, body: event };
}

/** The event types carried by one topic, as a producer registers them (each needs a transaction check). */
export function eventsOn(topic: Topic): { topic: Topic; tags: EventType[] } {
  return { topic, tags: (Object.keys(TOPIC_OF) as EventType[]).filter((type) => TOPIC_OF[type] === topic) };
}
