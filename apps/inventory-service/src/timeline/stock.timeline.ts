import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EventTypes, TimelineEntry, TimelinePart } from '@app/contracts';
import { messagingTimeline } from '@app/messaging';
import { StockReservation } from '../reservations/stock-reservation.entity';

/** inventory-service's part of an order timeline: its reservation row and its messaging records. */
@Injectable()
export class StockTimeline {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(orderId: string): Promise<TimelinePart> {
    const reservation = await this.dataSource.manager.findOne(StockReservation, { where: { orderId } });
    const published =
      reservation?.outcomeEventId != null
        ? [
            {
              eventId: reservation.outcomeEventId,
              eventType: reservation.wasReserved() ? EventTypes.stockReserved : EventTypes.stockRejected,
              at: reservation.createdAt,
            },
          ]
        : [];
    const messaging = await messagingTimeline(this.dataSource, 'inventory-service', orderId, published);
    const entries = reservation ? reservationEntries(reservation, messaging) : [];
    return { service: 'inventory-service', orderId, entries: [...entries, ...messaging] };
  }
}

function reservationEntries(reservation: StockReservation, messaging: TimelineEntry[]): TimelineEntry[] {
  const base = { service: 'inventory-service', lane: 'inventory' } as const;
  const created = reservation.createdAt.toISOString();
  const updated = reservation.updatedAt.toISOString();
  const lines = reservation.items.map((item) => `${item.quantity} x ${item.sku}`).join(', ');
  const eventId = reservation.outcomeEventId ?? undefined;
  if (reservation.status === 'CANCELLED_BEFORE_RESERVE') {
    const barrier = 'OrderCancelled came before OrderCreated: a late OrderCreated reserves nothing';
    const late = messaging.find((entry) => entry.kind === 'RECEIVED' && entry.eventType === EventTypes.orderCreated);
    return [
      { ...base, at: created, kind: 'BARRIER', title: 'barrier recorded', detail: barrier },
      ...(late
        ? [
            {
              ...base,
              at: late.at,
              kind: 'BARRIER_HIT',
              title: 'late OrderCreated hit the barrier',
              detail: 'nothing reserved',
            } as const,
          ]
        : []),
    ];
  }
  if (!reservation.wasReserved()) {
    return [{ ...base, at: created, kind: 'REJECTED', title: 'stock rejected: out of stock', detail: lines, eventId }];
  }
  const entries: TimelineEntry[] = [
    { ...base, at: created, kind: 'RESERVED', title: 'stock reserved', detail: lines, eventId },
  ];
  if (reservation.status === 'SOLD') {
    entries.push({ ...base, at: updated, kind: 'SOLD', title: 'reserved units sold', detail: lines });
  }
  if (reservation.status === 'RELEASED') {
    entries.push({
      ...base,
      at: updated,
      kind: 'RELEASED',
      title: 'reservation released',
      detail: `${lines} back on sale`,
    });
  }
  return entries;
}
