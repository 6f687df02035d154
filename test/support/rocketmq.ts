import { randomUUID } from 'node:crypto';
import { MessageView, Producer, SimpleConsumer, TransactionChecker } from 'rocketmq-client-nodejs';
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

export const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export async function startProducer(topics: string[], checker?: TransactionChecker): Promise<Producer> {
  const producer = new Producer({
    endpoints: testEnv.rocketMqEndpoints,
    namespace: '',
    topics,
    checker,
    logger: quietLogger,
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

  static async start(topic: string, tag: string, group = uniqueName('collector')): Promise<MessageCollector> {
    const consumer = new SimpleConsumer({
      endpoints: testEnv.rocketMqEndpoints,
      namespace: '',
      consumerGroup: group,
      subscriptions: new Map([[topic, tag]]),
      awaitDuration: 3000, // the proxy refuses long polls shorter than ~5 s of total deadline (3 s request + this)
      logger: quietLogger,
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
