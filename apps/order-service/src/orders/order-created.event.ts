import { randomUUID } from 'node:crypto';
import { EventTypes, newEvent, OrderCreated } from '@app/contracts';
import type { Order } from './order.entity';

/** The order's OrderCreated: it occurred when the order was placed. */
export function orderCreated(order: Order): OrderCreated {
  const payload = {
    customerId: order.customerId,
    totalCents: order.totalCents,
    items: order.items.map(({ sku, quantity, unitPriceCents }) => ({ sku, quantity, unitPriceCents })),
  };
  return newEvent<OrderCreated>(randomUUID(), EventTypes.orderCreated, order.id, payload, order.createdAt);
}
