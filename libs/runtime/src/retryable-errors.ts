import { CannotExecuteNotConnectedError, ConnectionIsNotSetError } from 'typeorm';

/** A database failure a client may retry: the 503 code naming its cause, and how long to wait first. */
export interface RetryableDatabaseFailure {
  readonly code: 'DATABASE_BUSY' | 'DATABASE_UNAVAILABLE';
  readonly retryAfterSeconds: number;
  readonly message: string;
}

/** Contention or a full server: the same request succeeds once the other transactions are through. */
export const DATABASE_BUSY: RetryableDatabaseFailure = {
  code: 'DATABASE_BUSY',
  retryAfterSeconds: 1,
  message: 'the database is busy; try again shortly',
};

/** The database cannot be reached: give the connection (or a failover) a moment. */
export const DATABASE_UNAVAILABLE: RetryableDatabaseFailure = {
  code: 'DATABASE_UNAVAILABLE',
  retryAfterSeconds: 2,
  message: 'the database is unavailable',
};

const BUSY_CODES = new Set([
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  'ER_STATEMENT_TIMEOUT', // MariaDB max_statement_time
  'ER_QUERY_TIMEOUT', // MySQL max_execution_time
  'ER_QUERY_INTERRUPTED',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_USER_LIMIT_REACHED',
  'PROTOCOL_SEQUENCE_TIMEOUT', // mysql2's own query timeout
]);

// mysql2 names errors by MySQL's numbering only: MariaDB's 1969 arrives with errno and no code.
const BUSY_ERRNOS = new Set([1205, 1213, 1969, 3024, 1317, 1040, 1203, 1226]);

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
]);

// Errors that carry no code: mysql2's closed pool and dead connection, TypeORM's driver without a pool.
const UNAVAILABLE_MESSAGES = [
  /^Pool is closed/,
  /^Can't add new command when connection is in closed state/,
  /^Connection is not established with mysql database/,
];

interface ErrorLayer {
  code?: unknown;
  errno?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
}

/**
 * Is `error` a database failure worth retrying, and which? Looks at the error itself, TypeORM's `driverError`
 * and any `cause`, a few levels deep. Classifies by mysql2/Node codes, so a non-database socket error with the
 * same code (ECONNREFUSED) is reported as the database's too: the services reach nothing else over TCP but the
 * broker, whose failures arrive as BrokerUnavailableError.
 */
export function retryableDatabaseFailure(error: unknown): RetryableDatabaseFailure | undefined {
  for (const layer of layers(error, 0)) {
    const failure = classify(layer);
    if (failure) return failure;
  }
  return undefined;
}

function* layers(error: unknown, depth: number): Generator<ErrorLayer> {
  if (depth > 4 || typeof error !== 'object' || error === null) return;
  const layer = error as ErrorLayer;
  yield layer;
  yield* layers(layer.driverError, depth + 1);
  yield* layers(layer.cause, depth + 1);
}

function classify(layer: ErrorLayer): RetryableDatabaseFailure | undefined {
  const code = typeof layer.code === 'string' ? layer.code : '';
  const errno = typeof layer.errno === 'number' ? layer.errno : 0;
  if (BUSY_CODES.has(code) || BUSY_ERRNOS.has(errno)) return DATABASE_BUSY;
  if (UNAVAILABLE_CODES.has(code) || isNotConnected(layer)) return DATABASE_UNAVAILABLE;
  return undefined;
}

function isNotConnected(layer: ErrorLayer): boolean {
  if (layer instanceof ConnectionIsNotSetError || layer instanceof CannotExecuteNotConnectedError) return true;
  const message = layer.message;
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message));
}
