import { Logger } from '@nestjs/common';
import { BrokerUnavailableError } from './broker-unavailable.error';
import { FinalAttempt, FinalAttemptPolicy, HOLD_INVISIBLE_MS } from './final-attempt.policy';
import { PoisonMessageError } from './received-event';

/** What mysql2 throws when the database refuses the connection (classified DATABASE_UNAVAILABLE). */
const databaseDown = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED' });
/** What TypeORM throws when a concurrent transaction took the row's key first. */
const lostRace = () =>
  Object.assign(new Error("Duplicate entry 'o1' for key 'PRIMARY'"), { driverError: { code: 'ER_DUP_ENTRY' } });
const refused = () => Object.assign(new Error('products are frozen'), { code: 'ER_SIGNAL_EXCEPTION', errno: 1644 });

/** A held message whose handler and recording fail as scripted, one entry per call; past the script they succeed. */
function aFinalAttempt(script: { retries?: Error[]; records?: Error[] } = {}) {
  const retries = [...(script.retries ?? [])];
  const records = [...(script.records ?? [])];
  const calls = { retried: 0, extended: [] as number[], recorded: [] as Array<[unknown, number]>, held: 0 };
  const attempt: FinalAttempt = {
    context: { eventId: 'e1' },
    retry: () => (calls.retried++, next(retries)),
    extend: (ms) => (calls.extended.push(ms), Promise.resolve()),
    record: (error, attempts) => {
      calls.recorded.push([error, attempts]);
      return next(records);
    },
    held: () => void calls.held++,
  };
  return { attempt, calls };
}

/** The next scripted failure, or success once the script is used up. */
function next(script: Error[]): Promise<void> {
  const failure = script.shift();
  return failure ? Promise.reject(failure) : Promise.resolve();
}

function aPolicy(stop = new AbortController(), onPause: (ms: number) => void = () => undefined) {
  const pauses: number[] = [];
  const policy = new FinalAttemptPolicy(stop.signal, (ms) => (pauses.push(ms), onPause(ms), Promise.resolve()));
  return { policy, pauses, stop };
}

describe('FinalAttemptPolicy', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterAll(() => {
    Logger.overrideLogger(['log', 'warn', 'error']);
  });

  it('records a non-retryable failure as a dead letter at once, without holding or retrying', async () => {
    const { attempt, calls } = aFinalAttempt();
    const { policy, pauses } = aPolicy();
    const error = new PoisonMessageError('message e1 is not JSON');

    const result = await policy.settle(attempt, error, 3);

    expect(result).toEqual({ outcome: 'dead_lettered', attempts: 3, error });
    expect(calls.recorded).toEqual([[error, 3]]);
    expect(calls.retried).toBe(0);
    expect(calls.held).toBe(0);
    expect(pauses).toEqual([]);
  });

  it('keeps a message whose final attempt met an outage, extending it and retrying until it is handled', async () => {
    const { attempt, calls } = aFinalAttempt({ retries: [databaseDown(), new BrokerUnavailableError('timeout')] });
    const { policy, pauses } = aPolicy();

    const result = await policy.settle(attempt, databaseDown(), 3);

    expect(result).toEqual({ outcome: 'handled', attempts: 6 });
    expect(calls.retried).toBe(3);
    expect(calls.held).toBe(1);
    expect(calls.extended).toEqual([HOLD_INVISIBLE_MS, HOLD_INVISIBLE_MS, HOLD_INVISIBLE_MS]);
    expect(pauses).toEqual([1000, 2000, 4000]);
    expect(calls.recorded).toEqual([]);
  });

  it('tries a unique-key race again in-process, where the next try sees the winner of the race', async () => {
    const { attempt, calls } = aFinalAttempt();
    const { policy } = aPolicy();

    const result = await policy.settle(attempt, lostRace(), 3);

    expect(result).toEqual({ outcome: 'handled', attempts: 4 });
    expect(calls.retried).toBe(1);
    expect(calls.recorded).toEqual([]);
  });

  it('records a unique-key clash that lasts three more tries as a dead letter', async () => {
    const { attempt, calls } = aFinalAttempt({ retries: [lostRace(), lostRace(), lostRace()] });
    const { policy } = aPolicy();

    const result = await policy.settle(attempt, lostRace(), 3);

    expect(result.outcome).toBe('dead_lettered');
    expect(calls.retried).toBe(3);
    expect(calls.recorded).toHaveLength(1);
  });

  it('caps the backoff while held', async () => {
    const { attempt } = aFinalAttempt({ retries: Array.from({ length: 7 }, databaseDown) });
    const { policy, pauses } = aPolicy();

    await policy.settle(attempt, databaseDown(), 3);

    expect(pauses).toEqual([1000, 2000, 4000, 8000, 15000, 15000, 15000, 15000]);
  });

  it('records the dead letter when a held message then fails for a real reason, with that reason', async () => {
    const real = refused();
    const { attempt, calls } = aFinalAttempt({ retries: [databaseDown(), real] });
    const { policy } = aPolicy();

    const result = await policy.settle(attempt, databaseDown(), 3);

    expect(result).toEqual({ outcome: 'dead_lettered', attempts: 5, error: real });
    expect(calls.recorded).toEqual([[real, 5]]);
  });

  it('keeps the message while recording the dead letter fails, and retries the recording', async () => {
    const error = refused();
    const { attempt, calls } = aFinalAttempt({ records: [databaseDown(), new Error('Pool is closed.')] });
    const { policy, pauses } = aPolicy();

    const result = await policy.settle(attempt, error, 3);

    expect(result.outcome).toBe('dead_lettered');
    expect(calls.recorded).toEqual([
      [error, 3],
      [error, 3],
      [error, 3],
    ]);
    expect(calls.extended).toEqual([HOLD_INVISIBLE_MS, HOLD_INVISIBLE_MS]);
    expect(pauses).toEqual([1000, 2000]);
    expect(calls.retried).toBe(0);
  });

  it('stops holding on shutdown: no more retries, and the held message is recorded for a later replay', async () => {
    const stop = new AbortController();
    const { attempt, calls } = aFinalAttempt({ retries: Array.from({ length: 100 }, databaseDown) });
    // The service stops during the third backoff.
    const { policy } = aPolicy(stop, () => (calls.extended.length === 3 ? stop.abort() : undefined));
    const last = databaseDown();

    const result = await policy.settle(attempt, last, 3);

    expect(result.outcome).toBe('released');
    expect(calls.retried).toBe(2);
    expect(calls.recorded).toHaveLength(1);
    expect(calls.recorded[0][1]).toBe(5);
  });

  it('stops retrying a failed recording on shutdown', async () => {
    const stop = new AbortController();
    const { attempt, calls } = aFinalAttempt({ records: Array.from({ length: 100 }, databaseDown) });
    const { policy } = aPolicy(stop, () => (calls.recorded.length === 2 ? stop.abort() : undefined));

    const result = await policy.settle(attempt, refused(), 3);

    expect(result.outcome).toBe('released');
    expect(calls.recorded).toHaveLength(2);
  });

  it('goes on holding when extending the message fails (the broker may be the outage)', async () => {
    const { attempt, calls } = aFinalAttempt({ retries: [databaseDown()] });
    attempt.extend = () => Promise.reject(new Error('proxy unreachable'));
    const { policy } = aPolicy();

    const result = await policy.settle(attempt, databaseDown(), 3);

    expect(result.outcome).toBe('handled');
    expect(calls.retried).toBe(2);
  });
});
