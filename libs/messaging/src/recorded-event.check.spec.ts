import type { MessageView } from 'rocketmq-client-nodejs';
import type { DataSource } from 'typeorm';
import type { LocalTransactions } from './local-transactions';
import { RecordedEventCheck } from './recorded-event.check';

const BORN_AT = 1_700_000_000_000;
const DEADLINE_MS = 30000;

class ReservationCheck extends RecordedEventCheck {
  readonly topic = 'stock-events';
  readonly tags = ['StockReserved'];
  protected readonly recordQuery = 'SELECT order_id FROM stock_reservations WHERE outcome_event_id = ?';
}

/** `recorded` answers the plain read; `recordedUnderLock` the locking read after the fence insert. */
function aCheck(ageMs: number, recorded: boolean, recordedUnderLock = recorded) {
  const statements: string[] = [];
  const manager = {
    query: (sql: string) => {
      statements.push(sql);
      if (sql.startsWith('INSERT')) return Promise.resolve({});
      return Promise.resolve(recordedUnderLock ? [{ order_id: 'o1' }] : []);
    },
  };
  const dataSource = { query: () => Promise.resolve(recorded ? [{ order_id: 'o1' }] : []) };
  const transactions = { run: (work: (m: typeof manager) => Promise<unknown>) => work(manager) };
  const check = Object.assign(new ReservationCheck(), {
    dataSource: dataSource as unknown as DataSource,
    transactions: transactions as unknown as LocalTransactions,
    options: { checkDeadlineMs: DEADLINE_MS },
    now: () => BORN_AT + ageMs,
  });
  return { check, statements };
}
const aHalfMessage = () => ({ keys: ['event-1'], bornTimestamp: new Date(BORN_AT) }) as unknown as MessageView;

describe('RecordedEventCheck', () => {
  it('commits when the record exists', async () => {
    const { check, statements } = aCheck(60000, true);
    await expect(check.check(aHalfMessage())).resolves.toBe('COMMIT');
    expect(statements).toEqual([]);
  });

  it('answers UNKNOWN while the local transaction may still run', async () => {
    const { check, statements } = aCheck(DEADLINE_MS - 1, false);
    await expect(check.check(aHalfMessage())).resolves.toBe('UNKNOWN');
    expect(statements).toEqual([]);
  });

  it('fences and rolls back a record still missing after the deadline', async () => {
    const { check, statements } = aCheck(DEADLINE_MS, false);
    await expect(check.check(aHalfMessage())).resolves.toBe('ROLLBACK');
    expect(statements[0]).toMatch(/INSERT IGNORE INTO message_fences/);
    expect(statements[1]).toMatch(/outcome_event_id = \? LOCK IN SHARE MODE$/);
  });

  it('commits when the record committed while the fence was being written', async () => {
    const { check } = aCheck(DEADLINE_MS + 1, false, true);
    await expect(check.check(aHalfMessage())).resolves.toBe('COMMIT');
  });

  it('settles a failed local transaction whose record committed as COMMIT, without a fence', async () => {
    const { check } = aCheck(0, true);
    await expect(check.settle('event-1')).resolves.toBe('COMMIT');
  });

  it('settles a failed local transaction without a record by fencing it, at any age', async () => {
    const { check, statements } = aCheck(0, false);
    await expect(check.settle('event-1')).resolves.toBe('ROLLBACK');
    expect(statements[0]).toMatch(/INSERT IGNORE INTO message_fences/);
  });
});
