import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EventTypes, TimelineEntry } from '@app/contracts';
import { messagingTimeline, PublishedEvent } from '@app/messaging';
import { Order } from '../orders/order.entity';
import { OrderStatusChange } from '../orders/order-status-change.entity';

const ANNOUNCED_BY = {
  PENDING: EventTypes.orderCreated,
  CONFIRMED: EventTypes.orderConfirmed,
  CANCELLED: EventTypes.orderCancelled,
} as const;

/** order-service's own part of an order timeline: its status history and its messaging records. */
@Injectable()
export class OrderHistoryTimeline {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Null if this service has no trace of the order at all. */
  async read(orderId: string): Promise<{ status: string | null; entries: TimelineEntry[] } | null> {
    const [order, history] = await Promise.all([
      this.dataSource.manager.findOne(Order, { where: { id: orderId }, relations: { items: true } }),
      this.dataSource.manager.find(OrderStatusChange, { where: { orderId }, order: { id: 'ASC' } }),
    ]);
    const published: PublishedEvent[] = history.map((change) => ({
      eventId: change.eventId,
      eventType: ANNOUNCED_BY[change.status],
      at: change.changedAt,
    }));
    const messaging = await messagingTimeline(this.dataSource, 'order-service', orderId, published);
    if (!order && history.length === 0 && messaging.length === 0) return null;
    const typeOf = new Map(messaging.map((entry) => [entry.eventId, entry.eventType]));
    const entries = history.map((change) => statusEntry(change, order, typeOf));
    return { status: order?.status ?? null, entries: [...entries, ...messaging] };
  }
}

function statusEntry(
  change: OrderStatusChange,
  order: Order | null,
  typeOf: Map<string | undefined, string | undefined>,
) {
  const base = {
    at: change.changedAt.toISOString(),
    service: 'order-service',
    lane: 'order',
    eventId: change.eventId,
  } as const;
  if (change.status === 'PENDING') {
    const lines = order?.items.map((item) => `${item.quantity} x ${item.sku}`).join(', ') ?? '';
    const detail = `local commit: the order (${lines}), total ${order?.totalCents ?? '?'} cents, its PENDING row`;
    return { ...base, kind: 'PLACED', title: 'order placed', detail } satisfies TimelineEntry;
  }
  const cause = change.causedBy
    ? `after ${typeOf.get(change.causedBy) ?? `outcome ${change.causedBy}`}`
    : 'no outcome within ORDER_TIMEOUT_MS';
  const reason = change.reason ? ` (${change.reason})` : '';
  return {
    ...base,
    kind: 'STATUS',
    title: `PENDING → ${change.status}${reason}`,
    detail: `${cause}; announced by ${ANNOUNCED_BY[change.status]}`,
  } satisfies TimelineEntry;
}
