import type { DataSource } from 'typeorm';
import { LocalTransactions } from './local-transactions';

interface Behaviour {
  commit?: () => Promise<void>;
  statement?: () => Promise<void>;
  connect?: () => Promise<void>;
}

// For unit specs only: LocalTransactions over a query runner that never touches a database.
/**
 * A query runner whose connect, statements and COMMIT answer as the test says. `sent` records the statements;
 * `log`, if given, the statements together with each connect and release, in order.
 */
export function aDatabase(behaviour: Behaviour = {}, log?: string[]) {
  const sent: string[] = [];
  const send = (sql: string) => void (sent.push(sql), log?.push(sql));
  const connection = { destroyed: false, destroy: () => void (connection.destroyed = true), release: () => undefined };
  const runner = {
    isTransactionActive: false,
    manager: { query: () => (behaviour.statement ?? (() => Promise.resolve()))() },
    connect: async () => {
      log?.push('connect');
      await behaviour.connect?.();
      return connection;
    },
    query: (sql: string) => Promise.resolve(send(sql)),
    startTransaction: () => Promise.resolve(send('START TRANSACTION')),
    commitTransaction: () => {
      send('COMMIT');
      return (behaviour.commit ?? (() => Promise.resolve()))();
    },
    rollbackTransaction: () => Promise.resolve(send('ROLLBACK')),
    release: () => Promise.resolve(void log?.push('release')),
  };
  const dataSource = { createQueryRunner: () => runner } as unknown as DataSource;
  return { transactions: new LocalTransactions(dataSource), sent, connection };
}
