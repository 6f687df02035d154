/** CHECK_DEADLINE_MS (see ServiceEnv): how long a missing order's OrderCreated is answered UNKNOWN. */
export const CHECK_DEADLINE_MS = Symbol('CHECK_DEADLINE_MS');

/** The current time in ms; injected so the checker's deadline logic is testable without waiting. */
export const CLOCK = Symbol('CLOCK');
