import { randomUUID } from 'node:crypto';
import { MessageView, Producer, SimpleConsumer, TransactionChecker } from 'rocketmq-client-nodejs';
import { TransactionResolution } from 'rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition_pb';
import type { ILogger } from 'rocketmq-client-nodejs/dist/client/Logger';
import { withTimeout } from '@app/messaging';
import { testEnv } from './test-env';

/** The client logs every heartbeat at info; tests only want its errors. */
export const quietLogger: ILogger = {
  info: () => undefined,
  debug: () => undefined,
  warn: () => undefined,
  error: (...args: unknown[]) => console.error('[rocketmq-client]', ...args),
};

/** For a campaign that breaks the broker on purpose: the client's reconnect errors are expected there. */
export const silentLogger: ILogger = {
  info: () => undefined,
  debug: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * A test producer shares its topic's producer group with the services (gRPC clients are grouped by topic), so the
 * broker may ask it about a service's half message: it must never decide one. It commits its own at once.
 */
export const neverDecides: TransactionChecker = {
  check: () => Promise.resolve(TransactionResolution.TRANSACTION_RESOLUTION_UNSPECIFIED),
};

export const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export async function startProducer(
  topics: string[],
  checker?: TransactionChecker,
  logger: ILogger = quietLogger,
): Promise<Producer> {
  const producer = new Producer({
    endpoints: testEnv.rocketMqEndpoints,
    namespace: '',
    topics,
    checker,
    logger,
  });
  await withTimeout(producer.startup(), 15000, 'producer startup');
  return producer;
}

/** Receives and acks, in the background, every message of `topic` with `tag`, for a fresh consumer group. */
export class MessageCollector {
  readonly messages: MessageView[] = [];
  private running = true;
  private loop?: Promise<void>;

  private constructor(private readonly consumer: SimpleConsumer) {}

  static async start(
    topic: string,
    tag: string,
    group = uniqueName('collector'),
    logger: ILogger = quietLogger,
  ): Promise<MessageCollector> {
    const consumer = new SimpleConsumer({
      endpoints: testEnv.rocketMqEndpoints,
      namespace: '',
      consumerGroup: group,
      subscriptions: new Map([[topic, tag]]),
      awaitDuration: 3000, // the proxy refuses long polls shorter than ~5 s of total deadline (3 s request + this)
      logger,
    });
    await withTimeout(consumer.startup(), 15000, 'consumer startup');
    const collector = new MessageCollector(consumer);
    collector.loop = collector.receiveUntilStopped();
    return collector;
  }

  withKey(key: string): MessageView[] {
    return this.messages.filter((m) => m.keys.includes(key));
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.consumer.shutdown();
  }

  private async receiveUntilStopped(): Promise<void> {
    while (this.running) {
      let batch: MessageView[] = [];
      try {
        batch = await this.consumer.receive(16, 15000);
      } catch {
        // Long polling ends with "no new message" as an error; pause briefly so an outage is not a busy loop.
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      for (const message of batch) {
        this.messages.push(message);
        await this.consumer.ack(message).catch(() => undefined); // not acked: it comes again (a broker outage)
      }
    }
  }
}
