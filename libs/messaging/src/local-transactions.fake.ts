import type { DataSource } from 'typeorm';
import { LocalTransactions } from './local-transactions';

// For unit specs only: LocalTransactions over a query runner that never touches a database.
/** A query runner whose statements and COMMIT answer as the test says; it records what was sent. */
export function aDatabase(behaviour: { commit?: () => Promise<void>; statement?: () => Promise<void> } = {}) {
  const sent: string[] = [];
  const connection = { destroyed: false, destroy: () => void (connection.destroyed = true), release: () => undefined };
  const runner = {
    isTransactionActive: false,
    manager: { query: () => (behaviour.statement ?? (() => Promise.resolve()))() },
    connect: () => Promise.resolve(connection),
    query: (sql: string) => Promise.resolve(void sent.push(sql)),
    startTransaction: () => Promise.resolve(void sent.push('START TRANSACTION')),
    commitTransaction: () => {
      sent.push('COMMIT');
      return (behaviour.commit ?? (() => Promise.resolve()))();
    },
    rollbackTransaction: () => Promise.resolve(void sent.push('ROLLBACK')),
    release: () => Promise.resolve(),
  };
  const dataSource = { createQueryRunner: () => runner } as unknown as DataSource;
  return { transactions: new LocalTransactions(dataSource), sent, connection };
}
