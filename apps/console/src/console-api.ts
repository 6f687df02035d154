// What the console's server sends its page (Server-Sent Events) and accepts from it. Types and constants only:
// the page imports this file too.
import type { OrderTimeline } from '@app/contracts';

export type ServiceName = 'order-service' | 'inventory-service' | 'payment-service';

export interface ServiceState {
  name: ServiceName;
  url: string;
  /** GET /health answered 200 (database and broker reachable). */
  ready: boolean;
  detail: string;
}

export interface OrderRow {
  id: string;
  customerId: string;
  status: 'PENDING' | 'CONFIRMED' | 'CANCELLED';
  cancelReason?: string;
  totalCents: number;
  items: Array<{ sku: string; quantity: number }>;
  createdAt: string;
  finishedAt?: string;
  /** The fault it was placed with from this console, if any. */
  fault?: string;
}

export interface Counters {
  ordersPerSecond: number;
  ordersCreated: number;
  confirmed: number;
  cancelled: number;
  checkBacks: number;
  fences: number;
  retries: number;
  deadLetters: number;
}

export interface Notice {
  at: string;
  level: 'info' | 'error';
  text: string;
}

/** Pushed as the `snapshot` event whenever something in it changed. */
export interface Snapshot {
  at: string;
  services: ServiceState[];
  faultInjection: boolean;
  orders: OrderRow[];
  products: Array<{ sku: string; available: number; reserved: number; sold: number }>;
  accounts: Array<{ customerId: string; balanceCents: number }>;
  counters: Counters;
  /** Placements still being retried with their Idempotency-Key (order-service was down). */
  retrying: number;
  notices: Notice[];
}

/** Pushed as the `timeline` event for the order the page watches (?order= on the stream). */
export type TimelineEvent = OrderTimeline;

export interface PlaceOrderRequest {
  customerId: string;
  sku: string;
  quantity: number;
  unitPriceCents: number;
  fault?: FaultId;
}

export const FAULTS = [
  {
    id: 'crash-after-local-commit',
    label: 'crash after local commit',
    expect: 'order-service dies after the database commit; once restarted its check-back finds the order: COMMIT',
  },
  {
    id: 'crash-after-half-message',
    label: 'crash after half message',
    expect: 'dies before the local transaction: no order; ~30 s later a check-back fences the half message: ROLLBACK',
  },
  {
    id: 'fail-local-transaction',
    label: 'fail local transaction',
    expect: 'the local transaction throws: 500 INJECTED_FAULT, no order, the half message rolled back at once',
  },
  {
    id: 'consumer-crash-before-ack',
    label: 'consumers crash before ack',
    expect: 'inventory and payment die after their commit; the redelivery ~15 s later finds the dedup record',
  },
] as const;
export type FaultId = (typeof FAULTS)[number]['id'];

export const KILLS: Array<{ service: ServiceName; expect: string }> = [
  {
    service: 'order-service',
    expect: 'restarted by its supervisor; half messages left open are settled by check-backs',
  },
  { service: 'inventory-service', expect: 'restarted; unacked deliveries come again after 15 s and dedup to no-ops' },
  { service: 'payment-service', expect: 'restarted; unacked deliveries come again after 15 s and dedup to no-ops' },
];
