import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { MessageView, SimpleConsumer } from 'rocketmq-client-nodejs';
import { brokerClients } from './broker-clients';
import { rocketMqClientLogger } from './client-logger';
import { CONSUMER_OPTIONS, ConsumerOptions, EVENT_SUBSCRIPTIONS, EventSubscription } from './consumer.options';
import { DeadLettersRepository } from './dead-letters.repository';
import { EventDispatcher } from './event-dispatcher';
import { DeliveryOutcomes } from './delivery-outcomes';
import { FinalAttemptPolicy } from './final-attempt.policy';
import { Slots } from './slots';
import { withTimeout } from './with-timeout';

const AWAIT_DURATION_MS = 5000; // long poll; the proxy wants about 5 s of deadline (request timeout 3 s + this)
const INVISIBLE_DURATION_MS = 15000; // a message not acked within this is delivered again
const MAX_BATCH = 16;
const PAUSE_AFTER_ERROR_MS = 1000;
/** Shutdown waits this long for handlers in flight; an unfinished one is simply delivered again. */
const DRAIN_LIMIT_MS = 10000;

/**
 * Receives a consumer group's subscriptions and hands each message to its handler, at most `concurrency` at
 * once, each subscription receiving for at most its share of them (so a long poll on a quiet topic never starves
 * a busy one). Handled -> ack. Failed -> the message stays unacked and is made visible again after an exponential
 * backoff; the broker counts deliveries and, past the group's retry limit, moves it to `%DLQ%<group>` (after
 * DeliveryOutcomes recorded it in `dead_letters`, or kept it while the failure is only an outage).
 * Handlers must be idempotent (recordConsumption in their local transaction): delivery is at least once.
 */
@Injectable()
export class EventConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly slots: Slots;
  private readonly share: number;
  private readonly consumers = new Map<string, SimpleConsumer>();
  private loops: Array<Promise<void>> = [];
  private stopping = false;
  private readonly stopped = new AbortController();
  private readonly outcomes: DeliveryOutcomes;

  constructor(
    @Inject(CONSUMER_OPTIONS) private readonly options: ConsumerOptions,
    @Inject(EVENT_SUBSCRIPTIONS) private readonly subscriptions: EventSubscription[],
    private readonly dispatcher: EventDispatcher,
    deadLetters: DeadLettersRepository,
  ) {
    this.outcomes = new DeliveryOutcomes(options, dispatcher, deadLetters, new FinalAttemptPolicy(this.stopped.signal));
    this.slots = new Slots(options.concurrency);
    this.share = Math.max(1, Math.min(MAX_BATCH, Math.floor(options.concurrency / subscriptions.length)));
    for (const { topic } of subscriptions) {
      brokerClients.set(`consumer ${options.group}/${topic}`, () => this.consumers.has(topic));
    }
  }

  onApplicationBootstrap(): void {
    this.loops = this.subscriptions.map((subscription) => this.consume(subscription));
  }

  /** Stops receiving and lets in-flight messages finish (bounded), before the producer and the database close. */
  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    this.stopped.abort(); // held final attempts stop retrying
    await Promise.all(this.loops);
    const drained = await this.slots.idle(DRAIN_LIMIT_MS);
    if (!drained) this.logger.warn({ inFlight: this.slots.inUse }, 'stopping with messages in flight; redelivered');
    await Promise.all([...this.consumers.values()].map((consumer) => consumer.shutdown()));
    this.consumers.clear();
  }

  private async consume(subscription: EventSubscription): Promise<void> {
    const consumer = await this.connect(subscription);
    while (consumer && !this.stopping) {
      const taken = await this.slots.acquireUpTo(this.share);
      let batch: MessageView[] = [];
      try {
        if (!this.stopping) batch = await consumer.receive(taken, INVISIBLE_DURATION_MS);
      } catch (error) {
        // A long poll that finds nothing resolves empty; an error here means the broker is unreachable or refused.
        this.logger.warn({ topic: subscription.topic, err: error }, 'receive failed; retrying');
        await sleep(PAUSE_AFTER_ERROR_MS);
      }
      // Received while shutting down: left unacked, so the broker delivers them again after the invisible time.
      const handled = this.stopping ? [] : batch;
      this.slots.release(taken - handled.length);
      for (const message of handled) {
        void this.handle(consumer, message).finally(() => this.slots.release());
      }
    }
  }

  private async handle(consumer: SimpleConsumer, message: MessageView) {
    const attempt = message.deliveryAttempt ?? 1;
    try {
      await this.dispatcher.dispatch(message);
    } catch (error) {
      await this.outcomes.failed(consumer, message, error);
      return;
    }
    this.crashIfAsked(message, attempt);
    await this.outcomes.handled(consumer, message);
  }

  private async connect(subscription: EventSubscription): Promise<SimpleConsumer | undefined> {
    const tags = Object.keys(subscription.handlers);
    while (!this.stopping) {
      const consumer = new SimpleConsumer({
        endpoints: this.options.endpoints,
        namespace: '',
        consumerGroup: this.options.group,
        subscriptions: new Map([[subscription.topic, tags.join('||')]]),
        awaitDuration: AWAIT_DURATION_MS,
        logger: rocketMqClientLogger('RocketMqConsumer'),
      });
      try {
        await withTimeout(consumer.startup(), this.options.startupTimeoutMs, 'RocketMQ consumer startup');
        this.consumers.set(subscription.topic, consumer);
        this.logger.log({ group: this.options.group, topic: subscription.topic, tags }, 'consumer connected');
        return consumer;
      } catch (error) {
        this.logger.warn({ topic: subscription.topic, err: error }, 'consumer cannot connect; retrying');
        await consumer.shutdown().catch(() => undefined);
        await sleep(PAUSE_AFTER_ERROR_MS * 2);
      }
    }
    return undefined;
  }

  /** Fault injection: die after the handler's commit and before the ack, on the first delivery only. */
  private crashIfAsked(message: MessageView, attempt: number): void {
    if (!this.options.faultInjection || attempt > 1) return;
    if (message.properties.get('fault-inject') !== 'consumer-crash-before-ack') return;
    this.logger.warn({ eventId: message.keys[0], group: this.options.group }, 'crashing before the ack (SIGKILL)');
    process.kill(process.pid, 'SIGKILL');
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
