import { TransactionResolution } from 'rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition_pb';
import type { LocalTransactions } from './local-transactions';
import { aDatabase } from './local-transactions.fake';
import { OutcomeUnknownError } from './outcome-unknown.error';
import type { MessagingOptions } from './messaging.options';
import type { TransactionCheck } from './transaction-check';
import { TransactionalPublisher } from './transactional-publisher';

const DEADLINE_MS = 30000;
const options: MessagingOptions = {
  endpoints: '127.0.0.1:1',
  publishes: [{ topic: 'stock-events', tags: ['StockReserved'] }],
  startupTimeoutMs: 1000,
  sendTimeoutMs: 1000,
  checkDeadlineMs: DEADLINE_MS,
};
const message = { topic: 'stock-events', tag: 'StockReserved', key: 'event-1', body: {} };

function aCheck(settle: () => Promise<'COMMIT' | 'ROLLBACK'>): TransactionCheck {
  return { topic: 'stock-events', tags: ['StockReserved'], check: () => Promise.resolve('UNKNOWN'), settle };
}

/** A publisher wired to a producer that records what happened to the half message (in `log` too, if given). */
function aPublisher(check: TransactionCheck, transactions?: LocalTransactions, log: string[] = []) {
  const ended: string[] = [];
  const transaction = {
    commit: () => Promise.resolve(void ended.push('commit')),
    rollback: () => Promise.resolve(void ended.push('rollback')),
  };
  const producer = { beginTransaction: () => transaction, send: () => Promise.resolve(void log.push('half message')) };
  const publisher = new TransactionalPublisher(options, [check], undefined, transactions);
  Object.assign(publisher, { producer });
  return { publisher, ended };
}

const lostCommitReply = () => Promise.reject(Object.assign(new Error('Connection lost'), { code: 'ECONNRESET' }));

describe('TransactionalPublisher', () => {
  it('commits the half message when the local transaction committed', async () => {
    const { publisher, ended } = aPublisher(aCheck(() => Promise.reject(new Error('not asked'))));
    await publisher.publishInTransaction(message, () => Promise.resolve());
    expect(ended).toEqual(['commit']);
  });

  it('gives the local transaction the check deadline as its commit-by time', async () => {
    const { publisher } = aPublisher(aCheck(() => Promise.reject(new Error('not asked'))));
    const before = Date.now();
    let commitBy = 0;
    await publisher.publishInTransaction(message, ({ commitBy: by }) => Promise.resolve(void (commitBy = by ?? 0)));
    expect(commitBy).toBeGreaterThanOrEqual(before + DEADLINE_MS);
    expect(commitBy).toBeLessThanOrEqual(Date.now() + DEADLINE_MS);
  });

  it('commits when the COMMIT reply was lost but the record committed (settled as COMMIT)', async () => {
    const { publisher, ended } = aPublisher(aCheck(() => Promise.resolve('COMMIT')));
    await expect(publisher.publishInTransaction(message, lostCommitReply)).resolves.toBeUndefined();
    expect(ended).toEqual(['commit']);
  });

  it('rolls back and rethrows when the failed transaction is fenced (settled as ROLLBACK)', async () => {
    const { publisher, ended } = aPublisher(aCheck(() => Promise.resolve('ROLLBACK')));
    await expect(publisher.publishInTransaction(message, lostCommitReply)).rejects.toThrow('Connection lost');
    expect(ended).toEqual(['rollback']);
  });

  it('rolls back at once, without settling, a transaction that failed before sending its COMMIT', async () => {
    const settle = jest.fn(() => Promise.resolve('COMMIT' as const));
    const { publisher, ended } = aPublisher(aCheck(settle));
    const { transactions } = aDatabase();
    const outOfStock = () => transactions.run(() => Promise.reject(new Error('no stock left')));
    await expect(publisher.publishInTransaction(message, outOfStock)).rejects.toThrow('no stock left');
    expect(ended).toEqual(['rollback']);
    expect(settle).not.toHaveBeenCalled();
  });

  it('settles a lost COMMIT reply from a real LocalTransactions run (record found: commit)', async () => {
    const { publisher, ended } = aPublisher(aCheck(() => Promise.resolve('COMMIT')));
    const { transactions } = aDatabase({ commit: lostCommitReply });
    await expect(
      publisher.publishInTransaction(message, () => transactions.run(() => Promise.resolve())),
    ).resolves.toBeUndefined();
    expect(ended).toEqual(['commit']);
  });

  it('leaves the half message to the check-backs when the database cannot tell', async () => {
    const { publisher, ended } = aPublisher(aCheck(() => Promise.reject(new Error('database down'))));
    const failure = publisher.publishInTransaction(message, lostCommitReply);
    await expect(failure).rejects.toBeInstanceOf(OutcomeUnknownError);
    await expect(failure).rejects.toMatchObject({ code: 'OUTCOME_UNKNOWN', httpStatus: 503 });
    expect(ended).toEqual([]);
  });

  it('takes the database connection before the half message, and the local transaction runs on it', async () => {
    const log: string[] = [];
    const { transactions } = aDatabase({}, log);
    const { publisher, ended } = aPublisher(
      aCheck(() => Promise.reject(new Error('not asked'))),
      transactions,
      log,
    );
    await publisher.publishInTransaction(message, (limits) => transactions.run(() => Promise.resolve(), limits));
    expect(log.filter((step) => !step.startsWith('SET SESSION'))).toEqual([
      'connect',
      'half message',
      'connect',
      'START TRANSACTION',
      'COMMIT',
      'release',
    ]);
    expect(ended).toEqual(['commit']);
  });

  it('sends no half message when no database connection can be had', async () => {
    const log: string[] = [];
    const refused = () => Promise.reject(new Error('Too many connections'));
    const { transactions } = aDatabase({ connect: refused }, log);
    const { publisher, ended } = aPublisher(
      aCheck(() => Promise.reject(new Error('not asked'))),
      transactions,
      log,
    );
    const local = jest.fn(() => Promise.resolve());
    await expect(publisher.publishInTransaction(message, local)).rejects.toThrow('Too many connections');
    expect(log).toEqual(['connect']);
    expect({ local: local.mock.calls.length, ended }).toEqual({ local: 0, ended: [] });
  });

  it('gives the held connection back when the half message cannot be sent', async () => {
    const log: string[] = [];
    const { transactions } = aDatabase({}, log);
    const { publisher } = aPublisher(
      aCheck(() => Promise.reject(new Error('not asked'))),
      transactions,
      log,
    );
    const producer = (publisher as unknown as { producer: { send: () => Promise<unknown> } }).producer;
    producer.send = () => Promise.reject(new Error('UNAVAILABLE'));
    await expect(publisher.publishInTransaction(message, () => Promise.resolve())).rejects.toMatchObject({
      code: 'BROKER_UNAVAILABLE',
    });
    expect(log).toEqual(['connect', 'release']);
  });

  it('answers BROKER_UNAVAILABLE when the producer is stopping (beginTransaction throws)', async () => {
    const { publisher } = aPublisher(aCheck(() => Promise.resolve('COMMIT')));
    const stopping = {
      beginTransaction: () => {
        throw new Error('Producer is not running');
      },
    };
    Object.assign(publisher, { producer: stopping });
    await expect(publisher.publishInTransaction(message, () => Promise.resolve())).rejects.toMatchObject({
      code: 'BROKER_UNAVAILABLE',
      httpStatus: 503,
    });
  });

  it('answers a second check of a message UNKNOWN while the first is still running (no double COMMIT)', async () => {
    let finish: (answer: 'COMMIT') => void = () => undefined;
    const check = aCheck(() => Promise.resolve('COMMIT'));
    check.check = jest.fn(() => new Promise<'COMMIT'>((resolve) => (finish = resolve)));
    const { publisher } = aPublisher(check);
    const checkBacks = (publisher as unknown as { checkBacks: { answer(m: unknown): Promise<number> } }).checkBacks;
    const answer = (message: unknown) => checkBacks.answer(message);
    const halfMessage = { topic: 'stock-events', tag: 'StockReserved', keys: ['event-1'] };
    const first = answer(halfMessage);
    await expect(answer(halfMessage)).resolves.toBe(TransactionResolution.TRANSACTION_RESOLUTION_UNSPECIFIED);
    finish('COMMIT');
    await expect(first).resolves.toBe(TransactionResolution.COMMIT);
    expect(check.check).toHaveBeenCalledTimes(1);
    const later = answer(halfMessage); // the first one is over: asked again, it checks again
    finish('COMMIT');
    await expect(later).resolves.toBe(TransactionResolution.COMMIT);
    expect(check.check).toHaveBeenCalledTimes(2);
  });

  it('refuses to start when a published event type has no check, naming the topic and tag', () => {
    const publishes = [{ topic: 'stock-events', tags: ['StockReserved', 'StockRejected'] }];
    const check = aCheck(() => Promise.resolve('COMMIT'));
    expect(() => new TransactionalPublisher({ ...options, publishes }, [check])).toThrow(
      'no transaction check for stock-events/StockRejected',
    );
  });

  it('refuses to publish an event type nobody checks', async () => {
    const { publisher, ended } = aPublisher(aCheck(() => Promise.resolve('COMMIT')));
    const unchecked = { ...message, tag: 'StockRejected' };
    await expect(publisher.publishInTransaction(unchecked, () => Promise.resolve())).rejects.toThrow(
      'no transaction check for stock-events/StockRejected',
    );
    expect(ended).toEqual([]);
  });
});
