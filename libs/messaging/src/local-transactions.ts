import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, QueryRunner } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/** Lock waits and statements are capped by the database itself. */
export const STATEMENT_LIMIT_SECONDS = 5;
/** A whole local transaction, from waiting for a pooled connection to the COMMIT reply. */
export const TRANSACTION_LIMIT_MS = 10000;

export interface TransactionLimits {
  /** Epoch ms after which no COMMIT may be sent and an unanswered one is abandoned (a half message's deadline). */
  commitBy?: number;
}

/** Errors of transactions that failed before their COMMIT was sent: the server cannot have committed them. */
const rolledBack = new WeakSet<object>();

/** True if `error` ended a local transaction that surely did not commit (it never sent its COMMIT). */
export function surelyRolledBack(error: unknown): boolean {
  return typeof error === 'object' && error !== null && rolledBack.has(error);
}

/** The local transaction ran out of time; it was rolled back, unless its COMMIT had been sent already. */
export class TransactionDeadlineError extends Error {
  readonly code = 'DATABASE_BUSY';
  readonly httpStatus = 503;
  constructor(stage: string) {
    super(`the database did not answer in time (${stage})`);
  }
}

/**
 * Runs one use case as one READ COMMITTED transaction that ends by a deadline: waiting for a connection,
 * every statement and the COMMIT together. At the deadline the connection is destroyed, so a late COMMIT is
 * never sent and a hung one is abandoned (the caller must then treat the outcome as unknown).
 */
@Injectable()
export class LocalTransactions implements OnModuleInit {
  // READ COMMITTED: locking reads of missing rows take no gap locks, so unrelated inserts never deadlock. Set for the
  // session, once per pooled connection, instead of a SET TRANSACTION round trip before every transaction.
  private limitsSql = `SET SESSION innodb_lock_wait_timeout = ${STATEMENT_LIMIT_SECONDS}`;
  /** Session settings outlive a transaction on a pooled connection: set them once per connection. */
  private readonly limitedConnections = new WeakSet<object>();

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const [{ version }] = await this.dataSource.query<Array<{ version: string }>>('SELECT VERSION() AS version');
    // MariaDB bounds every statement in seconds; MySQL 8 only SELECTs, in milliseconds. Each names the isolation
    // variable its own way (MariaDB 10.x: tx_isolation; MySQL 8: transaction_isolation).
    this.limitsSql += version.includes('MariaDB')
      ? `, max_statement_time = ${STATEMENT_LIMIT_SECONDS}, tx_isolation = 'READ-COMMITTED'`
      : `, max_execution_time = ${STATEMENT_LIMIT_SECONDS * 1000}, transaction_isolation = 'READ-COMMITTED'`;
  }

  async run<T>(work: (manager: EntityManager) => Promise<T>, limits: TransactionLimits = {}): Promise<T> {
    const deadline = Math.min(limits.commitBy ?? Infinity, Date.now() + TRANSACTION_LIMIT_MS);
    const runner = this.dataSource.createQueryRunner();
    let stage = 'waiting for a connection';
    let timer: NodeJS.Timeout | undefined;
    let commitSent = false;
    const fail = <E>(error: E): E => {
      if (!commitSent && typeof error === 'object' && error !== null) rolledBack.add(error);
      return error;
    };
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        abandon(runner);
        reject(fail(new TransactionDeadlineError(stage)));
      }, deadline - Date.now());
    });
    const transaction = (async () => {
      const connection = (await runner.connect()) as object;
      stage = 'running the transaction';
      await this.limitSession(runner, connection);
      await runner.startTransaction();
      let result: T;
      try {
        result = await work(runner.manager);
        if (Date.now() >= deadline) throw new TransactionDeadlineError('past the deadline before COMMIT');
      } catch (error) {
        await runner.rollbackTransaction().catch(() => undefined);
        throw error;
      }
      stage = 'waiting for the COMMIT reply';
      commitSent = true;
      // A COMMIT without its reply leaves the connection in an unknown state: never hand it back to the pool.
      await runner.commitTransaction().catch((error: unknown) => {
        abandon(runner);
        throw error;
      });
      return result;
    })();
    try {
      return await Promise.race([transaction, expired]);
    } catch (error) {
      throw fail(error);
    } finally {
      clearTimeout(timer);
      // After the deadline the connection was destroyed (or is, once the pool hands it over).
      void transaction.catch(() => undefined).finally(() => void runner.release());
    }
  }

  private async limitSession(runner: QueryRunner, connection: object): Promise<void> {
    if (this.limitedConnections.has(connection)) return;
    await runner.query(this.limitsSql);
    this.limitedConnections.add(connection);
  }
}

/** Destroys the transaction's connection now, or as soon as the pool hands it over: the server rolls back. */
function abandon(runner: QueryRunner): void {
  const destroy = (connection: { destroy(): void }) => connection.destroy();
  void runner
    .connect()
    .then(destroy)
    .catch(() => undefined);
}

/** Find options for a locking read (SELECT ... FOR UPDATE) when `lock`, a plain read otherwise. */
export function forUpdate(lock: boolean): { lock?: { mode: 'pessimistic_write' } } {
  return lock ? { lock: { mode: 'pessimistic_write' } } : {};
}

/**
 * INSERT only. TypeORM's `insert()` follows each INSERT with a SELECT of the columns the database filled in
 * (created_at, auto ids); nothing here reads them back, so that round trip is skipped.
 */
export async function insertRows<E extends ObjectLiteral>(
  manager: EntityManager,
  entity: EntityTarget<E>,
  rows: QueryDeepPartialEntity<E> | QueryDeepPartialEntity<E>[],
): Promise<void> {
  await manager.createQueryBuilder().insert().into(entity).values(rows).updateEntity(false).execute();
}
