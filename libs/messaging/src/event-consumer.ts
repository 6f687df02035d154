import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { MessageView, SimpleConsumer } from 'rocketmq-client-nodejs';
import { brokerClients, consumerStats } from './broker-clients';
import { rocketMqClientLogger } from './client-logger';
import { CONSUMER_OPTIONS, ConsumerOptions, EVENT_SUBSCRIPTIONS, EventSubscription } from './consumer.options';
import { messagingMetrics } from './messaging.metrics';
import { parseReceivedEvent, PoisonMessageError } from './received-event';
import { Slots } from './slots';
import { withTimeout } from './with-timeout';

const AWAIT_DURATION_MS = 5000; // long poll; the proxy wants about 5 s of deadline (request timeout 3 s + this)
const INVISIBLE_DURATION_MS = 15000; // a message not acked within this is delivered again
const MAX_BATCH = 16;
const MAX_BACKOFF_MS = 60000;
const PAUSE_AFTER_ERROR_MS = 1000;
/** Shutdown waits this long for handlers in flight; an unfinished one is simply delivered again. */
const DRAIN_LIMIT_MS = 10000;

/**
 * Receives a consumer group's subscriptions and hands each message to its handler, at most `concurrency` at
 * once, each subscription receiving for at most its share of them (so a long poll on a quiet topic never starves
 * a busy one). Handled -> ack. Failed -> the message stays unacked and is made visible again after an exponential
 * backoff; the broker counts deliveries and, past the group's retry limit, moves it to `%DLQ%<group>`.
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

  constructor(
    @Inject(CONSUMER_OPTIONS) private readonly options: ConsumerOptions,
    @Inject(EVENT_SUBSCRIPTIONS) private readonly subscriptions: EventSubscription[],
  ) {
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
        void this.handle(consumer, subscription, message).finally(() => this.slots.release());
      }
    }
  }

  private async handle(consumer: SimpleConsumer, subscription: EventSubscription, message: MessageView) {
    const labels = { group: this.options.group, topic: message.topic, tag: message.tag ?? '' };
    const attempt = message.deliveryAttempt ?? 1;
    const eventId = message.keys[0];
    try {
      const event = parseReceivedEvent(message);
      const handler = subscription.handlers[event.tag];
      if (!handler) throw new PoisonMessageError(`no handler for tag ${event.tag}`);
      const problems = this.options.validate(event.body);
      if (problems.length > 0)
        throw new PoisonMessageError(`event ${eventId} breaks its contract: ${problems.join('; ')}`);
      await handler(event.body as never);
    } catch (error) {
      await this.failed(consumer, message, attempt, error);
      return;
    }
    this.crashIfAsked(message, attempt);
    try {
      await consumer.ack(message);
      messagingMetrics.consumed.inc({ ...labels, outcome: 'handled' });
    } catch (error) {
      // Handled and committed: the redelivery finds the dedup record and changes nothing.
      messagingMetrics.consumed.inc({ ...labels, outcome: 'ack_failed' });
      this.logger.warn({ eventId, ...labels, err: error }, 'handled, but the ack failed; it will come again');
    }
  }

  private async failed(consumer: SimpleConsumer, message: MessageView, attempt: number, error: unknown) {
    const labels = { group: this.options.group, topic: message.topic, tag: message.tag ?? '' };
    const eventId = message.keys[0];
    const lastAttempt = attempt > this.options.maxRetries;
    messagingMetrics.consumed.inc({ ...labels, outcome: lastAttempt ? 'dead_lettered' : 'failed' });
    if (lastAttempt) {
      consumerStats.deadLettered++;
      this.logger.error({ eventId, ...labels, attempt, err: error }, 'giving up: the broker moves it to the DLQ');
    } else {
      this.logger.warn({ eventId, ...labels, attempt, err: error }, 'handling failed; will be delivered again');
    }
    const backoffMs = Math.min(1000 * 2 ** (attempt - 1), MAX_BACKOFF_MS);
    await consumer.changeInvisibleDuration(message, lastAttempt ? 1000 : backoffMs).catch((err: unknown) => {
      this.logger.warn({ eventId, err }, 'could not set the backoff; redelivered after the invisible duration');
    });
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
