export const CONSUMER_OPTIONS = Symbol('CONSUMER_OPTIONS');
export const EVENT_SUBSCRIPTIONS = Symbol('EVENT_SUBSCRIPTIONS');

export interface ConsumerOptions {
  endpoints: string;
  /** The consumer group: one per consuming service; also the consumer name in dedup records. */
  group: string;
  /** Messages handled at once; no more than the database pool, so a handler never waits for a connection. */
  concurrency: number;
  /** The group's retry limit on the broker: the failure of delivery `maxRetries + 1` sends a message to the DLQ. */
  maxRetries: number;
  startupTimeoutMs: number;
  /** What is wrong with a received event body against its contract (empty if nothing): refused as poison. */
  validate: (body: Record<string, unknown>) => string[];
  /** Honour the `fault-inject` message property (crash after the handler committed, before the ack). */
  faultInjection: boolean;
}

/**
 * What a service consumes from one topic: exactly one handler per tag (event type). A handler receives the
 * parsed body (whose `eventId` is the message key) and declares its type; it must be idempotent.
 */
export interface EventSubscription {
  readonly topic: string;
  readonly handlers: Readonly<Record<string, (body: never) => Promise<void>>>;
}
