import { randomUUID } from 'node:crypto';
import type { MessageView } from 'rocketmq-client-nodejs';

export const aCustomer = () => `customer-${randomUUID().slice(0, 8)}`;

export const anOrderRequest = (overrides: Record<string, unknown> = {}) => ({
  customerId: aCustomer(),
  items: [
    { sku: 'SKU-A', quantity: 2, unitPriceCents: 1250 },
    { sku: 'SKU-B', quantity: 1, unitPriceCents: 499 },
  ],
  ...overrides,
});

export const jsonPost = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

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

export const bodyOf = (message: MessageView) => JSON.parse(message.body.toString()) as OrderCreatedBody;

export const forCustomer = (messages: MessageView[], customerId: string) =>
  messages.map(bodyOf).filter((event) => event.payload.customerId === customerId);
