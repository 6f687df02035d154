import type { MessageView } from 'rocketmq-client-nodejs';

/** What a check-back answers: COMMIT or ROLLBACK the half message, or UNKNOWN (ask again later). */
export type CheckAnswer = 'COMMIT' | 'ROLLBACK' | 'UNKNOWN';

/**
 * Decides the fate of an unresolved half message of one topic and tag from the service's database alone,
 * so any replica can answer for any other. Provide one per published event type.
 */
export interface TransactionCheck {
  readonly topic: string;
  /** The tags (event types) this check answers for. */
  readonly tags: readonly string[];
  check(message: MessageView): Promise<CheckAnswer>;
}

/** A message to publish transactionally: `key` is the event id; `body` is serialised as JSON. */
export interface OutgoingMessage {
  topic: string;
  tag: string;
  key: string;
  body: unknown;
  /** Message properties (e.g. a fault-injection switch that consumers honour); not part of the event. */
  properties?: Record<string, string>;
}

/** Points where fault injection may kill the process, to prove recovery; unused in normal operation. */
export interface PublishHooks {
  afterHalfMessage?(): void;
  afterLocalCommit?(): void;
}
