import { retryableDatabaseFailure } from '@app/runtime/retryable-errors';
import { isServiceError } from '@app/runtime/service-error';

/**
 * A failure that says nothing against the message: the database or the broker is down, busy or slow to answer
 * (every error the API answers with 503: BrokerUnavailableError, an unsettled commit, a transaction deadline).
 * Such a message is kept and retried, never dead-lettered.
 */
export function isRetryableFailure(error: unknown): boolean {
  return retryableDatabaseFailure(error) !== undefined || (isServiceError(error) && error.httpStatus === 503);
}
