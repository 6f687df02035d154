import { randomUUID } from 'node:crypto';
import { EventTypes, newEvent, OrderCreated } from '@app/contracts';
import type { Order } from './order.entity';

export function orderCreated(order: Order): OrderCreated {
  return newEvent<OrderCreated>(randomUUID(), EventTypes.orderCreated, order.id, {
    customerId: order.customerId,
    totalCents: order.totalCents,
    items: order.items.map(({ sku, quantity, unitPriceCents }) => ({ sku, quantity, unitPriceCents })),
  });
}
