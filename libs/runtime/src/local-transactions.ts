import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** Lock waits and statements are bounded, so a local transaction cannot outlive a check-back deadline. */
export const LOCAL_TRANSACTION_LIMIT_SECONDS = 5;

/** Runs one use case as one database transaction with bounded lock waits and statement times. */
@Injectable()
export class LocalTransactions implements OnModuleInit {
  private limitsSql = `SET SESSION innodb_lock_wait_timeout = ${LOCAL_TRANSACTION_LIMIT_SECONDS}`;
  /** Session settings outlive a transaction on a pooled connection: set them once per connection. */
  private readonly limitedConnections = new WeakSet<object>();

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const [{ version }] = await this.dataSource.query<Array<{ version: string }>>('SELECT VERSION() AS version');
    // MariaDB bounds every statement in seconds; MySQL 8 only SELECTs, in milliseconds.
    this.limitsSql += version.includes('MariaDB')
      ? `, max_statement_time = ${LOCAL_TRANSACTION_LIMIT_SECONDS}`
      : `, max_execution_time = ${LOCAL_TRANSACTION_LIMIT_SECONDS * 1000}`;
  }

  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    // READ COMMITTED: locking reads of missing rows take no gap locks, so unrelated inserts never deadlock.
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      // connect() on a running transaction's query runner returns its pooled connection.
      const connection = (await manager.queryRunner?.connect()) as object | undefined;
      if (!connection || !this.limitedConnections.has(connection)) {
        await manager.query(this.limitsSql);
        if (connection) this.limitedConnections.add(connection);
      }
      return work(manager);
    });
  }
}

/** Find options for a locking read (SELECT ... FOR UPDATE) when `lock`, a plain read otherwise. */
export function forUpdate(lock: boolean): { lock?: { mode: 'pessimistic_write' } } {
  return lock ? { lock: { mode: 'pessimistic_write' } } : {};
}
