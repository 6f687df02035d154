import { AsyncLocalStorage } from 'node:async_hooks';

/** The delivery a handler is running for, as the dedup record wants to remember it (timelines read it). */
export interface DeliveryContext {
  orderId?: string;
  eventType: string;
  /** 1 for the first delivery. */
  attempt: number;
}

const deliveries = new AsyncLocalStorage<DeliveryContext>();

/** Runs a handler with its delivery known to recordConsumption, without widening every handler's signature. */
export function withDelivery<T>(context: DeliveryContext, handler: () => Promise<T>): Promise<T> {
  return deliveries.run(context, handler);
}

/** The delivery being handled, if any (none in a test that calls a use case directly). */
export function currentDelivery(): DeliveryContext | undefined {
  return deliveries.getStore();
}
