import { EventType, EventTypes } from './events';
import { CancelReasons } from './payloads';

type Fields = Record<string, unknown>;
type Rule = (payload: Fields) => string[];

const text = (value: unknown, field: string) =>
  typeof value === 'string' && value.length > 0 && value.length <= 64 ? [] : [`${field} must be a non-empty string`];
const count = (value: unknown, field: string, min: number) =>
  Number.isSafeInteger(value) && (value as number) >= min ? [] : [`${field} must be an integer >= ${min}`];
const oneOf = (value: unknown, field: string, allowed: readonly string[]) =>
  allowed.includes(value as string) ? [] : [`${field} must be one of ${allowed.join(', ')}`];
const lines = (value: unknown, withPrice: boolean) =>
  Array.isArray(value) && value.length > 0
    ? value.flatMap((line: Fields, i) => [
        ...text(line?.sku, `payload.items[${i}].sku`),
        ...count(line?.quantity, `payload.items[${i}].quantity`, 1),
        ...(withPrice ? count(line?.unitPriceCents, `payload.items[${i}].unitPriceCents`, 0) : []),
      ])
    : ['payload.items must be a non-empty array'];

const RULES: Record<EventType, Rule> = {
  OrderCreated: (p) => [
    ...text(p.customerId, 'payload.customerId'),
    ...count(p.totalCents, 'payload.totalCents', 0),
    ...lines(p.items, true),
  ],
  OrderConfirmed: (p) => text(p.customerId, 'payload.customerId'),
  OrderCancelled: (p) => [
    ...text(p.customerId, 'payload.customerId'),
    ...oneOf(p.reason, 'payload.reason', Object.values(CancelReasons)),
  ],
  StockReserved: (p) => lines(p.items, false),
  StockRejected: (p) => oneOf(p.reason, 'payload.reason', [CancelReasons.outOfStock]),
  PaymentSucceeded: (p) => count(p.amountCents, 'payload.amountCents', 0),
  PaymentFailed: (p) => [
    ...oneOf(p.reason, 'payload.reason', [CancelReasons.insufficientFunds]),
    ...count(p.amountCents, 'payload.amountCents', 0),
  ],
};

/**
 * What is wrong with a received event, checked against its contract (empty if nothing): a consumer refuses
 * such an event rather than act on it (a negative total would credit an account).
 */
export function eventProblems(event: Fields): string[] {
  const type = event.type as EventType;
  if (!Object.values(EventTypes).includes(type)) return [`type must be one of ${Object.values(EventTypes).join(', ')}`];
  const payload = event.payload;
  if (typeof payload !== 'object' || payload === null) return ['payload must be an object'];
  return [
    ...(event.version === 1 ? [] : ['version must be 1']),
    ...text(event.orderId, 'orderId'),
    ...RULES[type](payload as Fields),
  ];
}
