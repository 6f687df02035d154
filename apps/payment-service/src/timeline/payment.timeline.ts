import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EventTypes, TimelineEntry, TimelinePart } from '@app/contracts';
import { messagingTimeline } from '@app/messaging';
import { Payment } from '../payments/payment.entity';

/** payment-service's part of an order timeline: its payment row and its messaging records. */
@Injectable()
export class PaymentTimeline {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(orderId: string): Promise<TimelinePart> {
    const payment = await this.dataSource.manager.findOne(Payment, { where: { orderId } });
    const published =
      payment?.outcomeEventId != null
        ? [
            {
              eventId: payment.outcomeEventId,
              eventType: payment.wasCharged() ? EventTypes.paymentSucceeded : EventTypes.paymentFailed,
              at: payment.createdAt,
            },
          ]
        : [];
    const messaging = await messagingTimeline(this.dataSource, 'payment-service', orderId, published);
    const entries = payment ? paymentEntries(payment, messaging) : [];
    return { service: 'payment-service', orderId, entries: [...entries, ...messaging] };
  }
}

function paymentEntries(payment: Payment, messaging: TimelineEntry[]): TimelineEntry[] {
  const base = { service: 'payment-service', lane: 'payment' } as const;
  const created = payment.createdAt.toISOString();
  const amount = `${payment.amountCents} cents from ${payment.customerId}`;
  const eventId = payment.outcomeEventId ?? undefined;
  if (payment.status === 'CANCELLED_BEFORE_CHARGE') {
    const barrier = 'OrderCancelled came before OrderCreated: a late OrderCreated charges nothing';
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
              detail: 'nothing charged',
            } as const,
          ]
        : []),
    ];
  }
  if (!payment.wasCharged()) {
    const detail = `${amount}: ${payment.reason ?? 'refused'}`;
    return [{ ...base, at: created, kind: 'PAYMENT_FAILED', title: 'payment failed', detail, eventId }];
  }
  const entries: TimelineEntry[] = [
    { ...base, at: created, kind: 'CHARGED', title: 'charged', detail: amount, eventId },
  ];
  if (payment.status === 'REFUNDED') {
    const at = payment.updatedAt.toISOString();
    entries.push({ ...base, at, kind: 'REFUNDED', title: 'refunded', detail: `${amount}, given back` });
  }
  return entries;
}
