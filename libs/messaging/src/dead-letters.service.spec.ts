import { Logger } from '@nestjs/common';
import { BrokerUnavailableError } from './broker-unavailable.error';
import { DeadLetterNotFoundError, ReplayFailedError } from './dead-letter.errors';
import type { DeadLetter, DeadLettersRepository, ReplayOutcome } from './dead-letters.repository';
import { DeadLettersService } from './dead-letters.service';
import type { DeliveredMessage, EventDispatcher } from './event-dispatcher';

const aDeadLetter = (): DeadLetter & { body: Buffer } => ({
  id: 7,
  group: 'inventory-service',
  eventId: 'e7',
  topic: 'order-events',
  type: 'OrderCreated',
  attempts: 3,
  lastError: 'QueryFailedError: products are frozen',
  deadLetteredAt: new Date(),
  replays: 0,
  lastReplayAt: null,
  lastReplayOutcome: null,
  body: Buffer.from('{"eventId":"e7"}'),
});

/** A service over an in-memory table of one dead letter and a dispatcher that runs `handle`. */
function aService(handle: (message: DeliveredMessage) => Promise<void>, consumed = false) {
  const replays: Array<[number, ReplayOutcome, unknown]> = [];
  const repository = {
    find: (id: number) => Promise.resolve(id === 7 ? aDeadLetter() : undefined),
    wasConsumed: () => Promise.resolve(consumed),
    recordReplay: (id: number, outcome: ReplayOutcome, error?: unknown) =>
      Promise.resolve(void replays.push([id, outcome, error])),
  } as unknown as DeadLettersRepository;
  const dispatcher = { dispatch: handle } as unknown as EventDispatcher;
  return { service: new DeadLettersService(repository, dispatcher, { group: 'inventory-service' }), replays };
}

describe('DeadLettersService.replay', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('runs the stored message through the dispatcher and records a handled replay', async () => {
    const seen: DeliveredMessage[] = [];
    const { service, replays } = aService((message) => Promise.resolve(void seen.push(message)));

    expect(await service.replay('7')).toEqual({ outcome: 'handled', alreadyHandled: false });
    expect(seen).toEqual([expect.objectContaining({ topic: 'order-events', tag: 'OrderCreated', keys: ['e7'] })]);
    expect(seen[0].body.toString()).toBe('{"eventId":"e7"}');
    expect(replays).toEqual([[7, 'handled', undefined]]);
  });

  it('tells a replay that found its dedup record apart, still as handled', async () => {
    const { service, replays } = aService(() => Promise.resolve(), true);

    expect(await service.replay('7')).toEqual({ outcome: 'handled', alreadyHandled: true });
    expect(replays).toEqual([[7, 'already_handled', undefined]]);
  });

  it('answers a real failure with ReplayFailedError (422) and records it as the last error', async () => {
    const failure = new Error('products are frozen');
    const { service, replays } = aService(() => Promise.reject(failure));

    await expect(service.replay('7')).rejects.toBeInstanceOf(ReplayFailedError);
    expect(replays).toEqual([[7, 'failed', failure]]);
  });

  it('rethrows an outage as it is (503 with Retry-After), keeping the last error', async () => {
    const outage = new BrokerUnavailableError('timeout');
    const { service, replays } = aService(() => Promise.reject(outage));

    await expect(service.replay('7')).rejects.toBe(outage);
    expect(replays).toEqual([[7, 'unavailable', undefined]]);
  });

  it('refuses an unknown or malformed id with DeadLetterNotFoundError naming it', async () => {
    const { service } = aService(() => Promise.resolve());

    await expect(service.replay('8')).rejects.toThrow(new DeadLetterNotFoundError('8'));
    await expect(service.replay('x1')).rejects.toThrow('dead letter x1 not found');
  });
});
