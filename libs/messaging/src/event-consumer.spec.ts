import type { MessageView, SimpleConsumer } from 'rocketmq-client-nodejs';
import type { ConsumerOptions, EventSubscription } from './consumer.options';
import type { DeadLetterInput, DeadLettersRepository } from './dead-letters.repository';
import { EventConsumer } from './event-consumer';
import { EventDispatcher } from './event-dispatcher';
import { messagingMetrics } from './messaging.metrics';

const options: ConsumerOptions = {
  endpoints: '127.0.0.1:1',
  group: 'spec-group',
  concurrency: 4,
  maxRetries: 2,
  startupTimeoutMs: 1000,
  faultInjection: false,
  validate: () => [],
};

/** The dead letters a runner recorded (no database). */
class FakeDeadLetters {
  readonly recorded: DeadLetterInput[] = [];
  record(input: DeadLetterInput) {
    this.recorded.push(input);
    return Promise.resolve();
  }
}

function newRunner(
  runnerOptions: ConsumerOptions,
  subscriptions: EventSubscription[],
  deadLetters = new FakeDeadLetters(),
) {
  const dispatcher = new EventDispatcher(runnerOptions, subscriptions);
  return new EventConsumer(runnerOptions, subscriptions, dispatcher, deadLetters as unknown as DeadLettersRepository);
}

function aMessage(topic: string, eventId: string): MessageView {
  const body = Buffer.from(JSON.stringify({ eventId, type: 'Tick', payload: {} }));
  return { topic, tag: 'Tick', keys: [eventId], body, deliveryAttempt: 1, properties: new Map() } as MessageView;
}

/** A broker queue for one topic: receive() long-polls (50 ms here) until the test pushes messages. */
class FakeQueue {
  readonly asked: number[] = [];
  readonly acked: string[] = [];
  ackFails = false;
  private waiting?: (messages: MessageView[]) => void;

  receive(count: number): Promise<MessageView[]> {
    this.asked.push(count);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve([]), 50);
      this.waiting = (messages) => {
        clearTimeout(timer);
        resolve(messages);
      };
    });
  }
  push(...messages: MessageView[]) {
    this.waiting?.(messages);
  }
  ack(message: MessageView) {
    if (this.ackFails) return Promise.reject(new Error('ack lost'));
    this.acked.push(message.keys[0]);
    return Promise.resolve();
  }
  readonly invisible: number[] = [];
  changeInvisibleDuration(_message: MessageView, ms: number) {
    this.invisible.push(ms);
    return Promise.resolve();
  }
  shutdown() {
    this.push();
    return Promise.resolve();
  }
}

function aRunner(queues: Record<string, FakeQueue>, handle: (body: { eventId: string }) => Promise<void>) {
  const subscriptions: EventSubscription[] = Object.keys(queues).map((topic) => ({
    topic,
    handlers: { Tick: handle },
  }));
  const runner = newRunner(options, subscriptions);
  const connect = (subscription: EventSubscription) => queues[subscription.topic] as unknown as SimpleConsumer;
  Object.assign(runner, { connect: (subscription: EventSubscription) => Promise.resolve(connect(subscription)) });
  return runner;
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('EventConsumer', () => {
  it('keeps receiving on a busy topic while a quiet topic long-polls (slots are shared)', async () => {
    const quiet = new FakeQueue();
    const busy = new FakeQueue();
    const handled: string[] = [];
    const runner = aRunner({ quiet, busy }, (body) => Promise.resolve(void handled.push(body.eventId)));
    runner.onApplicationBootstrap();
    await flush();
    expect(quiet.asked[0]).toBe(2);
    expect(busy.asked[0]).toBe(2);
    busy.push(aMessage('busy', 'e1'), aMessage('busy', 'e2'));
    await flush();
    expect(handled).toEqual(['e1', 'e2']);
    expect(busy.acked).toEqual(['e1', 'e2']);
    await runner.onModuleDestroy();
  });

  it('counts a handled message whose ack failed as ack_failed, not as a failure or dead letter', async () => {
    const queue = new FakeQueue();
    queue.ackFails = true;
    const runner = aRunner({ queue }, () => Promise.resolve());
    const count = (outcome: string) => metric(outcome);
    const before = { ackFailed: await count('ack_failed'), dead: await count('dead_lettered') };
    runner.onApplicationBootstrap();
    await flush();
    queue.push(aMessage('queue', 'e1'));
    await flush();
    expect(await count('ack_failed')).toBe(before.ackFailed + 1);
    expect(await count('dead_lettered')).toBe(before.dead);
    await runner.onModuleDestroy();
  });

  it('refuses an event that breaks its contract: not handled, retried towards the DLQ', async () => {
    const queue = new FakeQueue();
    const handled: string[] = [];
    const subscriptions: EventSubscription[] = [
      {
        topic: 'queue',
        handlers: { Tick: (body: { eventId: string }) => Promise.resolve(void handled.push(body.eventId)) },
      },
    ];
    const runner = newRunner(
      { ...options, validate: () => ['payload.totalCents must be an integer >= 0'] },
      subscriptions,
    );
    Object.assign(runner, { connect: () => Promise.resolve(queue as unknown as SimpleConsumer) });
    const failedBefore = await metric('failed');
    runner.onApplicationBootstrap();
    await flush();
    queue.push(aMessage('queue', 'e1'));
    await flush();
    expect(handled).toEqual([]);
    expect(queue.acked).toEqual([]);
    expect(await metric('failed')).toBe(failedBefore + 1);
    await runner.onModuleDestroy();
  });

  it('records a final attempt that fails for a real reason, then lets the broker take it to the DLQ', async () => {
    const queue = new FakeQueue();
    const deadLetters = new FakeDeadLetters();
    const runner = newRunner(
      options,
      [{ topic: 'queue', handlers: { Tick: () => Promise.reject(new Error('no')) } }],
      deadLetters,
    );
    Object.assign(runner, { connect: () => Promise.resolve(queue as unknown as SimpleConsumer) });
    const deadBefore = await metric('dead_lettered');
    runner.onApplicationBootstrap();
    await flush();
    queue.push({ ...aMessage('queue', 'e1'), deliveryAttempt: 3 } as MessageView);
    await flush();
    expect(deadLetters.recorded).toEqual([
      expect.objectContaining({ group: 'spec-group', eventId: 'e1', topic: 'queue', tag: 'Tick', attempts: 3 }),
    ]);
    expect(String(deadLetters.recorded[0].error)).toContain('no');
    expect(queue.invisible).toEqual([1000]);
    expect(queue.acked).toEqual([]);
    expect(await metric('dead_lettered')).toBe(deadBefore + 1);
    await runner.onModuleDestroy();
  });

  it('keeps a final attempt that met a database outage and acks it once the handler succeeds', async () => {
    const queue = new FakeQueue();
    const deadLetters = new FakeDeadLetters();
    let outage = true;
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const handle = () => (outage ? Promise.reject(down) : Promise.resolve());
    const runner = newRunner(options, [{ topic: 'queue', handlers: { Tick: handle } }], deadLetters);
    Object.assign(runner, { connect: () => Promise.resolve(queue as unknown as SimpleConsumer) });
    const heldBefore = await metric('held');
    runner.onApplicationBootstrap();
    await flush();
    queue.push({ ...aMessage('queue', 'e1'), deliveryAttempt: 3 } as MessageView);
    await flush();
    expect(queue.invisible).toEqual([60000]);
    expect(await metric('held')).toBe(heldBefore + 1);
    outage = false;
    await eventually(() => expect(queue.acked).toEqual(['e1']));
    expect(deadLetters.recorded).toEqual([]);
    await runner.onModuleDestroy();
  });

  it('on shutdown, stops receiving and waits for the handler in flight', async () => {
    const queue = new FakeQueue();
    let finish = () => undefined as void;
    const runner = aRunner({ queue }, () => new Promise<void>((resolve) => (finish = resolve)));
    runner.onApplicationBootstrap();
    await flush();
    queue.push(aMessage('queue', 'e1'));
    await flush();
    let stopped = false;
    const stopping = runner.onModuleDestroy().then(() => (stopped = true));
    await flush();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(queue.acked).toEqual(['e1']);
  });

  it('does not handle a batch that arrives after shutdown began (it is delivered again)', async () => {
    const queue = new FakeQueue();
    const handled: string[] = [];
    const runner = aRunner({ queue }, (body) => Promise.resolve(void handled.push(body.eventId)));
    runner.onApplicationBootstrap();
    await flush();
    const stopping = runner.onModuleDestroy();
    queue.push(aMessage('queue', 'late'));
    await stopping;
    expect(handled).toEqual([]);
  });

  it('bounds the drain: a handler that never ends does not hold shutdown for ever', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    try {
      const queue = new FakeQueue();
      const runner = aRunner({ queue }, () => new Promise<void>(() => undefined));
      runner.onApplicationBootstrap();
      await flush();
      queue.push(aMessage('queue', 'stuck'));
      await flush();
      let stopped = false;
      const stopping = runner.onModuleDestroy().then(() => (stopped = true));
      await jest.advanceTimersByTimeAsync(9000);
      expect(stopped).toBe(false);
      await jest.advanceTimersByTimeAsync(2000);
      await stopping;
      expect(queue.acked).toEqual([]);
    } finally {
      jest.useRealTimers();
    }
  });
});

async function eventually(probe: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

async function metric(outcome: string): Promise<number> {
  const { values } = await messagingMetrics.consumed.get();
  return values.filter((value) => value.labels.outcome === outcome).reduce((sum, value) => sum + value.value, 0);
}
