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
  /** A connection taken beforehand (LocalTransactions.hold), used instead of waiting for one from the pool. */
  connection?: HeldConnection;
}

/** A pooled connection taken ahead of its transaction; handed to one run(), or given back by release(). */
export class HeldConnection {
  private runner?: QueryRunner;

  /** `waitedFrom`: when the wait for it began (TRANSACTION_LIMIT_MS counts from there). */
  constructor(
    runner: QueryRunner,
    readonly waitedFrom: number,
  ) {
    this.runner = runner;
  }

  /** The connection's query runner, once; undefined after that or after release(). */
  take(): QueryRunner | undefined {
    const runner = this.runner;
    this.runner = undefined;
    return runner;
  }

  /** Gives the connection back to the pool unless a transaction took it. */
  release(): void {
    void this.take()?.release();
  }
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

  /**
   * Takes a pooled connection now, waiting at most TRANSACTION_LIMIT_MS (then TransactionDeadlineError, surely
   * rolled back). A publisher takes it before its half message, so a wait for the pool delays the message instead
   * of eating into the broker's transaction timeout, and a pool that stays busy sends no half message at all.
   */
  async hold(): Promise<HeldConnection> {
    const waitedFrom = Date.now();
    const runner = this.dataSource.createQueryRunner();
    const deadline = deadlineFor(runner, TRANSACTION_LIMIT_MS, () => 'waiting for a connection');
    try {
      await Promise.race([runner.connect(), deadline.expired]);
    } catch (error) {
      throw markRolledBack(error); // no statement was sent
    } finally {
      deadline.clear();
    }
    return new HeldConnection(runner, waitedFrom);
  }

  async run<T>(work: (manager: EntityManager) => Promise<T>, limits: TransactionLimits = {}): Promise<T> {
    const waitedFrom = limits.connection?.waitedFrom ?? Date.now();
    const deadline = Math.min(limits.commitBy ?? Infinity, waitedFrom + TRANSACTION_LIMIT_MS);
    const runner = limits.connection?.take() ?? this.dataSource.createQueryRunner();
    let stage = 'waiting for a connection';
    let commitSent = false;
    const fail = <E>(error: E): E => (commitSent ? error : markRolledBack(error));
    const expiry = deadlineFor(runner, deadline - Date.now(), () => stage);
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
      return await Promise.race([transaction, expiry.expired]);
    } catch (error) {
      throw fail(error);
    } finally {
      expiry.clear();
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

/** Marks `error` as ending a transaction that surely did not commit; returns it. */
function markRolledBack<E>(error: E): E {
  if (typeof error === 'object' && error !== null) rolledBack.add(error);
  return error;
}

/** Rejects with TransactionDeadlineError after `ms`, destroying the runner's connection (the server rolls back). */
function deadlineFor(runner: QueryRunner, ms: number, stage: () => string) {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      abandon(runner);
      reject(new TransactionDeadlineError(stage()));
    }, ms);
  });
  return { expired, clear: () => clearTimeout(timer) };
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
