import { EventTypes, PaymentFailed, PaymentSucceeded, StockRejected, StockReserved } from '@app/contracts';
import type { Order } from '../orders/order.entity';

export type OutcomeEvent = StockReserved | StockRejected | PaymentSucceeded | PaymentFailed;

/** What may move an order: an outcome from inventory or payment, or (outcome null) its timeout. */
export interface OrderCause {
  orderId: string;
  outcome: OutcomeEvent | null;
}

/** Applies the cause to the order (a guarded method of the entity) and returns the transition, if any. */
export function transitionFor(order: Order, { outcome }: OrderCause): 'CONFIRMED' | 'CANCELLED' | null {
  if (!outcome) return order.expire();
  return order.recordOutcome(
    outcome.type === EventTypes.stockRejected || outcome.type === EventTypes.paymentFailed
      ? { type: outcome.type, reason: outcome.payload.reason }
      : { type: outcome.type },
  );
}
