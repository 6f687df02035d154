/**
 * How long after its half message an order may still be committed locally. Must exceed the longest local
 * transaction (lock waits and statements are capped at 5 s each) plus clock skew between replicas.
 */
export const ORDER_CHECK_DEADLINE_MS = Symbol('ORDER_CHECK_DEADLINE_MS');
export const DEFAULT_ORDER_CHECK_DEADLINE_MS = 30000;

/** The current time in ms; injected so the checker's deadline logic is testable without waiting. */
export const CLOCK = Symbol('CLOCK');
