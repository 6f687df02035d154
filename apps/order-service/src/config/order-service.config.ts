/**
 * How long after its half message an order may still be committed locally. Must exceed the longest local
 * transaction (lock waits and statements are capped at 5 s each) plus clock skew between replicas.
 */
export const ORDER_CHECK_DEADLINE_MS = Symbol('ORDER_CHECK_DEADLINE_MS');
export const DEFAULT_ORDER_CHECK_DEADLINE_MS = 30000;

/** Reads ORDER_CHECK_DEADLINE_MS; a malformed value stops the service rather than making every check fence. */
export function checkDeadlineMs(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_ORDER_CHECK_DEADLINE_MS;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1000)
    throw new Error(`ORDER_CHECK_DEADLINE_MS must be an integer >= 1000, got "${raw}"`);
  return value;
}

/** The current time in ms; injected so the checker's deadline logic is testable without waiting. */
export const CLOCK = Symbol('CLOCK');
