import type { MessageView } from 'rocketmq-client-nodejs';
import { aCustomerId, jsonRequest } from '../../../test/support/http';

export const aCustomer = aCustomerId;

export const anOrderRequest = (overrides: Record<string, unknown> = {}) => ({
  customerId: aCustomer(),
  items: [
    { sku: 'SKU-A', quantity: 2, unitPriceCents: 1250 },
    { sku: 'SKU-B', quantity: 1, unitPriceCents: 499 },
  ],
  ...overrides,
});

export const jsonPost = (body: unknown, headers: Record<string, string> = {}) => jsonRequest('POST', body, headers);

export interface OrderCreatedBody {
  eventId: string;
  type: string;
  version: number;
  orderId: string;
  occurredAt: string;
  payload: {
    customerId: string;
    totalCents: number;
    items: Array<{ sku: string; quantity: number; unitPriceCents: number }>;
  };
}

/** The topic also holds other suites' messages (poison bodies, injected events): anything else is skipped. */
export const bodyOf = (message: MessageView): Partial<OrderCreatedBody> | undefined => {
  try {
    return JSON.parse(message.body.toString()) as Partial<OrderCreatedBody>;
  } catch {
    return undefined;
  }
};

export const forCustomer = (messages: MessageView[], customerId: string) =>
  messages.map(bodyOf).filter((event): event is OrderCreatedBody => event?.payload?.customerId === customerId);
