import type { MessageView } from 'rocketmq-client-nodejs';

/** What a check-back answers: COMMIT or ROLLBACK the half message, or UNKNOWN (ask again later). */
export type CheckAnswer = 'COMMIT' | 'ROLLBACK' | 'UNKNOWN';

/**
 * Decides the fate of an unresolved half message of one topic and tag from the service's database alone,
 * so any replica can answer for any other. Every published event type needs one: start-up refuses otherwise.
 */
export interface TransactionCheck {
  readonly topic: string;
  /** The tags (event types) this check answers for. */
  readonly tags: readonly string[];
  /** The broker's check-back: COMMIT if recorded, UNKNOWN while the local transaction may still run. */
  check(message: MessageView): Promise<CheckAnswer>;
  /**
   * Decides now, as a check past its deadline does: COMMIT if the record exists, else a fence and ROLLBACK.
   * Used when the local transaction failed, which may still have committed (a lost COMMIT reply). Throws if the
   * database cannot tell; the half message then stays unresolved and the check-backs decide later.
   */
  settle(eventId: string): Promise<'COMMIT' | 'ROLLBACK'>;
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
