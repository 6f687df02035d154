import { surelyRolledBack, TransactionDeadlineError } from './local-transactions';
import { aDatabase } from './local-transactions.fake';

const connectionLost = () => Promise.reject(Object.assign(new Error('Connection lost'), { code: 'ECONNRESET' }));

describe('LocalTransactions', () => {
  it('commits the work and returns its result', async () => {
    const { transactions, sent } = aDatabase();
    await expect(transactions.run(() => Promise.resolve(42))).resolves.toBe(42);
    expect(sent.slice(-2)).toEqual(['START TRANSACTION', 'COMMIT']);
  });

  it('vouches that a transaction whose work failed did not commit', async () => {
    const { transactions, sent } = aDatabase();
    const failure = await transactions.run(() => Promise.reject(new Error('no stock'))).catch((e: unknown) => e);
    expect(surelyRolledBack(failure)).toBe(true);
    expect(sent).not.toContain('COMMIT');
  });

  it('cannot vouch for a transaction whose COMMIT reply was lost, and never reuses that connection', async () => {
    const { transactions, connection } = aDatabase({ commit: connectionLost });
    const failure = await transactions.run(() => Promise.resolve()).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: 'ECONNRESET' });
    expect(surelyRolledBack(failure)).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(connection.destroyed).toBe(true);
  });

  it('sends no COMMIT once the commit-by time has passed', async () => {
    const { transactions, sent } = aDatabase();
    let now = Date.now();
    const work = () => new Promise<void>((resolve) => setTimeout(resolve, 30)).then(() => void (now = Date.now()));
    const failure = await transactions.run(work, { commitBy: Date.now() + 10 }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TransactionDeadlineError);
    expect(surelyRolledBack(failure)).toBe(true);
    expect(sent).not.toContain('COMMIT');
    expect(now).toBeGreaterThan(0);
  });

  it('abandons a statement that never answers at the deadline: the connection is destroyed', async () => {
    const { transactions, connection, sent } = aDatabase({ statement: () => new Promise(() => undefined) });
    const started = Date.now();
    const failure = await transactions
      .run((manager) => manager.query<unknown>('SELECT 1'), { commitBy: Date.now() + 50 })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(TransactionDeadlineError);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(surelyRolledBack(failure)).toBe(true);
    expect(connection.destroyed).toBe(true);
    expect(sent).not.toContain('COMMIT');
  });
});
