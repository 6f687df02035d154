import { describeFailure } from './dead-letters.repository';

/** No dead letter has this id (answered 404). */
export class DeadLetterNotFoundError extends Error {
  readonly code = 'DEAD_LETTER_NOT_FOUND';
  readonly httpStatus = 404;
  constructor(id: string) {
    super(`dead letter ${id} not found`);
  }
}

/** The replayed message failed again for a reason a retry does not cure (answered 422); recorded as its last error. */
export class ReplayFailedError extends Error {
  readonly code = 'REPLAY_FAILED';
  readonly httpStatus = 422;
  constructor(id: number, cause: unknown) {
    super(`dead letter ${id} failed again: ${describeFailure(cause)}`);
  }
}
