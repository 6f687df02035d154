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

/**
 * A unique key taken by a concurrent transaction that committed after this one's locking read (an OrderCreated
 * racing its OrderCancelled barrier for the one row per order): the next try sees the winner's row and decides
 * accordingly, so the message is tried again rather than given up (a few times: a lasting clash is a real failure).
 */
export function isLostRace(error: unknown): boolean {
  const failure = error as { code?: string; driverError?: { code?: string } } | undefined;
  return (failure?.driverError?.code ?? failure?.code) === 'ER_DUP_ENTRY';
}
