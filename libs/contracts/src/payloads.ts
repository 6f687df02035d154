import type { EventEnvelope } from './events';
import { EventTypes } from './events';

export interface OrderLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

/** Why an order was cancelled; also the reason carried by the failure outcome that cancelled it. */
export const CancelReasons = {
  outOfStock: 'OUT_OF_STOCK',
  insufficientFunds: 'INSUFFICIENT_FUNDS',
  /** No outcome came within ORDER_TIMEOUT_MS (lost, dead-lettered, or a service down for long). */
  timeout: 'TIMEOUT',
} as const;
export type CancelReason = (typeof CancelReasons)[keyof typeof CancelReasons];

export type OrderCreated = EventEnvelope<
  typeof EventTypes.orderCreated,
  { customerId: string; totalCents: number; items: OrderLine[] }
>;
export type OrderConfirmed = EventEnvelope<typeof EventTypes.orderConfirmed, { customerId: string }>;
export type OrderCancelled = EventEnvelope<
  typeof EventTypes.orderCancelled,
  { customerId: string; reason: CancelReason }
>;
export type StockReserved = EventEnvelope<
  typeof EventTypes.stockReserved,
  { items: Array<Omit<OrderLine, 'unitPriceCents'>> }
>;
export type StockRejected = EventEnvelope<typeof EventTypes.stockRejected, { reason: typeof CancelReasons.outOfStock }>;
export type PaymentSucceeded = EventEnvelope<typeof EventTypes.paymentSucceeded, { amountCents: number }>;
export type PaymentFailed = EventEnvelope<
  typeof EventTypes.paymentFailed,
  { reason: typeof CancelReasons.insufficientFunds; amountCents: number }
>;
