import { CannotExecuteNotConnectedError, ConnectionIsNotSetError, QueryFailedError, TypeORMError } from 'typeorm';
import { retryableDatabaseFailure } from './retryable-errors';

/** What mysql2 builds from a server error packet: `code` only for errnos in MySQL's own list. */
function aServerError(errno: number, code: string | undefined, message: string, sqlState = 'HY000') {
  return Object.assign(new Error(message), { code, errno, sqlState, sqlMessage: message });
}

/** What Node and mysql2 report for a failed socket or name lookup. */
function aSocketError(code: string, errno: number, syscall: string, message: string) {
  return Object.assign(new Error(message), { code, errno, syscall, fatal: true });
}

const wrapped = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

const busy = {
  'lock wait timeout': aServerError(
    1205,
    'ER_LOCK_WAIT_TIMEOUT',
    'Lock wait timeout exceeded; try restarting transaction',
  ),
  deadlock: aServerError(1213, 'ER_LOCK_DEADLOCK', 'Deadlock found when trying to get lock', '40001'),
  'MariaDB max_statement_time': aServerError(
    1969,
    undefined,
    'Query execution was interrupted (max_statement_time exceeded)',
    '70100',
  ),
  'MySQL max_execution_time': aServerError(3024, 'ER_QUERY_TIMEOUT', 'Query execution was interrupted', 'HY000'),
  'interrupted query': aServerError(1317, 'ER_QUERY_INTERRUPTED', 'Query execution was interrupted', '70100'),
  'too many connections': aServerError(1040, 'ER_CON_COUNT_ERROR', 'Too many connections', '08004'),
  'too many user connections': aServerError(1203, 'ER_TOO_MANY_USER_CONNECTIONS', 'User root has too many connections'),
  'user limit reached': aServerError(1226, 'ER_USER_LIMIT_REACHED', "User 'app' has exceeded the resource"),
  'mysql2 query timeout': Object.assign(new Error('Query inactivity timeout'), {
    code: 'PROTOCOL_SEQUENCE_TIMEOUT',
    errorno: 'PROTOCOL_SEQUENCE_TIMEOUT',
    syscall: 'query',
  }),
};

const unavailable = {
  'connection refused': aSocketError('ECONNREFUSED', -111, 'connect', 'connect ECONNREFUSED 127.0.0.1:3306'),
  'connection reset': aSocketError('ECONNRESET', -104, 'read', 'read ECONNRESET'),
  'connect timeout': aSocketError('ETIMEDOUT', -110, 'connect', 'connect ETIMEDOUT'),
  'broken pipe': aSocketError('EPIPE', -32, 'write', 'write EPIPE'),
  'host unreachable': aSocketError('EHOSTUNREACH', -113, 'connect', 'connect EHOSTUNREACH 10.0.0.9:3306'),
  'network unreachable': aSocketError('ENETUNREACH', -101, 'connect', 'connect ENETUNREACH 10.0.0.9:3306'),
  'unknown host': aSocketError('ENOTFOUND', -3008, 'getaddrinfo', 'getaddrinfo ENOTFOUND mysql'),
  'DNS try again': aSocketError('EAI_AGAIN', -3001, 'getaddrinfo', 'getaddrinfo EAI_AGAIN mysql'),
  'connection lost': Object.assign(new Error('Connection lost: The server closed the connection.'), {
    code: 'PROTOCOL_CONNECTION_LOST',
    fatal: true,
  }),
  'enqueue after fatal error': Object.assign(new Error('Cannot enqueue Query after fatal error.'), {
    code: 'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
    fatal: false,
  }),
  'closed pool': new Error('Pool is closed.'),
  'closed connection': Object.assign(new Error("Can't add new command when connection is in closed state"), {
    fatal: true,
  }),
  'TypeORM driver without a pool': new TypeORMError('Connection is not established with mysql database'),
  'TypeORM ConnectionIsNotSetError': new ConnectionIsNotSetError('mysql'),
  'TypeORM CannotExecuteNotConnectedError': new CannotExecuteNotConnectedError('default'),
};

describe('retryableDatabaseFailure', () => {
  describe.each(Object.entries(busy))('%s', (_, error) => {
    it('is DATABASE_BUSY, retry after 1 s, bare, wrapped by TypeORM and as a cause', () => {
      for (const shape of [error, wrapped(error), new Error('placing the order failed', { cause: error })]) {
        expect(retryableDatabaseFailure(shape)).toMatchObject({ code: 'DATABASE_BUSY', retryAfterSeconds: 1 });
      }
    });
  });

  describe.each(Object.entries(unavailable))('%s', (_, error) => {
    it('is DATABASE_UNAVAILABLE, retry after 2 s, bare, wrapped by TypeORM and as a cause', () => {
      for (const shape of [error, wrapped(error), new Error('placing the order failed', { cause: error })]) {
        expect(retryableDatabaseFailure(shape)).toMatchObject({ code: 'DATABASE_UNAVAILABLE', retryAfterSeconds: 2 });
      }
    });
  });

  it('finds a deadlock two wrappers down', () => {
    const error = new Error('use case failed', { cause: wrapped(busy.deadlock) });
    expect(retryableDatabaseFailure(error)?.code).toBe('DATABASE_BUSY');
  });

  it.each([
    ['a duplicate key', wrapped(aServerError(1062, 'ER_DUP_ENTRY', "Duplicate entry 'x' for key 'PRIMARY'", '23000'))],
    ['a missing table', wrapped(aServerError(1146, 'ER_NO_SUCH_TABLE', "Table 'orders' doesn't exist", '42S02'))],
    ['a syntax error', aServerError(1064, 'ER_PARSE_ERROR', 'You have an error in your SQL syntax', '42000')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a gRPC status with a numeric code', Object.assign(new Error('14 UNAVAILABLE'), { code: 14 })],
    ['a thrown string', 'ECONNREFUSED'],
    ['null', null],
  ])('leaves %s to be a 500', (_, error) => {
    expect(retryableDatabaseFailure(error)).toBeUndefined();
  });

  it('stops on an error that is its own cause', () => {
    const error: Error = new Error('loop');
    error.cause = error;
    expect(retryableDatabaseFailure(error)).toBeUndefined();
  });
});
