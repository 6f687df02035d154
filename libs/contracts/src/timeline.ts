/** Where a timeline entry happened, drawn as one lane each: a message hop goes from one lane `to` another. */
export type TimelineLane = 'order' | 'broker' | 'inventory' | 'payment';

/** The services that answer for a part of an order's timeline. */
export type TimelineService = 'order-service' | 'inventory-service' | 'payment-service';

export const TimelineKinds = [
  'PLACED',
  'RECEIVED',
  'REDELIVERED',
  'RESERVED',
  'REJECTED',
  'SOLD',
  'RELEASED',
  'CHARGED',
  'PAYMENT_FAILED',
  'REFUNDED',
  'BARRIER',
  'BARRIER_HIT',
  'STATUS',
  'PUBLISHED',
  'CHECK_BACK',
  'SETTLED',
  'FENCED',
  'DEAD_LETTERED',
] as const;
export type TimelineKind = (typeof TimelineKinds)[number];

/** One thing that happened to an order, read from a row some service wrote. */
export interface TimelineEntry {
  /** ISO time of the row; ties are broken by the order of TimelineKinds (a receipt before its effect). */
  at: string;
  service: TimelineService;
  lane: TimelineLane;
  /** Set for a message hop: published to the broker, delivered from it, a check-back asked by it. */
  to?: TimelineLane;
  kind: TimelineKind;
  /** A short label, e.g. "OrderCreated committed". */
  title: string;
  /** One line more, e.g. "attempt 2, 1 earlier delivery failed". */
  detail?: string;
  eventId?: string;
  eventType?: string;
  /** Delivery attempt of a receipt (1 = first delivery). */
  attempt?: number;
  duplicate?: boolean;
  /** A check-back's or a settlement's answer. */
  answer?: 'COMMIT' | 'ROLLBACK' | 'UNKNOWN';
}

/** What one service knows about an order (GET /timeline/orders/:id on inventory and payment). */
export interface TimelinePart {
  service: TimelineService;
  orderId: string;
  entries: TimelineEntry[];
}

/** The merged timeline (GET /orders/:id/timeline on order-service). */
export interface OrderTimeline {
  orderId: string;
  status: string | null;
  entries: TimelineEntry[];
  /** Parts that could not be fetched: the timeline is shown without them, never refused. */
  unavailable: Array<{ service: TimelineService; reason: string }>;
}

/** Time order, then causal order within one millisecond. */
export function byTimelineOrder(a: TimelineEntry, b: TimelineEntry): number {
  const byTime = Date.parse(a.at) - Date.parse(b.at);
  return byTime !== 0 ? byTime : TimelineKinds.indexOf(a.kind) - TimelineKinds.indexOf(b.kind);
}
