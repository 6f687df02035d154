import type { DedupCheck } from './consumed-events';
import type { TransactionLimits } from './local-transactions';
import type { OutgoingMessage, PublishHooks } from './transaction-check';
import type { TransactionalPublisher } from './transactional-publisher';

/**
 * A use case whose message depends on what its local transaction finds (stock left? money enough?).
 * The half message has to be sent before that transaction, so the outcome is predicted from plain reads;
 * the transaction then decides again under row locks and throws DecisionChangedError if it differs.
 * A redelivered event is decided as a duplicate, and a duplicate announces again what was recorded the first
 * time (same event id): if that first announcement was lost, the broker's redelivery repairs it.
 */
export interface DecidedPublication<D> {
  /**
   * Plain reads: what the local transaction will most likely decide (with the event id it will record). `dedup`
   * is 'assume-first' on the first try (no dedup read), 'read' on later tries (after a decision that changed).
   */
  predict(dedup: DedupCheck): Promise<D>;
  /** The message that announces a decision (or re-announces a recorded one), or null if there is none. */
  messageFor(decision: D): OutgoingMessage | null;
  /** The local transaction: decides under locks, applies `expected` or throws DecisionChangedError. */
  apply(expected: D, limits: TransactionLimits): Promise<void>;
}

/** The local transaction decided otherwise than predicted; its half message is rolled back and we predict again. */
export class DecisionChangedError extends Error {
  constructor(expected: string, actual: string) {
    super(`predicted ${expected} but the locked rows say ${actual}`);
  }
}

const ATTEMPTS = 4;

/** Predict, send the prediction as a half message, let the local transaction confirm it; repeat if it did not. */
export async function publishDecision<D>(
  publisher: TransactionalPublisher,
  publication: DecidedPublication<D>,
  hooks?: PublishHooks,
): Promise<D> {
  for (let attempt = 1; ; attempt++) {
    const decision = await publication.predict(attempt === 1 ? 'assume-first' : 'read');
    const message = publication.messageFor(decision);
    try {
      if (message)
        await publisher.publishInTransaction(message, (limits) => publication.apply(decision, limits), hooks);
      else await publication.apply(decision, {});
      return decision;
    } catch (error) {
      if (!(error instanceof DecisionChangedError) || attempt >= ATTEMPTS) throw error;
    }
  }
}
