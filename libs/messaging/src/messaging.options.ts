export const MESSAGING_OPTIONS = Symbol('MESSAGING_OPTIONS');
export const TRANSACTION_CHECKS = Symbol('TRANSACTION_CHECKS');

export interface MessagingOptions {
  /** The RocketMQ 5 gRPC proxy, e.g. 127.0.0.1:8081. */
  endpoints: string;
  /** The event types this service publishes, by topic: each needs a check; topics are listed to the broker up
   * front so a restarted producer is asked back at once. */
  publishes: PublishedEvents[];
  startupTimeoutMs: number;
  /** Bound on a send, commit or rollback; past it the request answers 503 instead of hanging. */
  sendTimeoutMs: number;
  /** Past this age a half message whose local record is missing is fenced and rolled back. */
  checkDeadlineMs: number;
}

/** The tags (event types) a service publishes on one topic. */
export interface PublishedEvents {
  topic: string;
  tags: readonly string[];
}
