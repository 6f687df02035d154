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
