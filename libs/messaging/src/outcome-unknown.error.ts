/**
 * The local transaction failed in a way that may have committed (a lost COMMIT reply) and the database cannot
 * tell yet. The half message stays unresolved: the broker's check-backs commit it if the record exists.
 */
export class OutcomeUnknownError extends Error {
  readonly code = 'OUTCOME_UNKNOWN';
  readonly httpStatus = 503;
  readonly retryAfterSeconds = 2;

  constructor(
    readonly eventId: string,
    override readonly cause: unknown,
  ) {
    super('the database did not confirm the outcome; retry with the same Idempotency-Key to learn it');
  }
}
