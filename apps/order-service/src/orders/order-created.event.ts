import { randomUUID } from 'node:crypto';
import { EventEnvelope, EventTypes, Topics } from '@app/contracts';
import type { OutgoingMessage } from '@app/messaging';
import type { Order, OrderLine } from './order.entity';

export interface OrderCreatedPayload {
  customerId: string;
  totalCents: number;
  items: OrderLine[];
}

export type OrderCreated = EventEnvelope<typeof EventTypes.orderCreated, OrderCreatedPayload>;

export function orderCreated(order: Order): OrderCreated {
  return {
    eventId: randomUUID(),
    type: EventTypes.orderCreated,
    version: 1,
    orderId: order.id,
    occurredAt: order.createdAt.toISOString(),
    payload: {
      customerId: order.customerId,
      totalCents: order.totalCents,
      items: order.items.map(({ sku, quantity, unitPriceCents }) => ({ sku, quantity, unitPriceCents })),
    },
  };
}

export function asMessage(event: OrderCreated): OutgoingMessage {
  return { topic: Topics.orderEvents, tag: event.type, key: event.eventId, body: event };
}
