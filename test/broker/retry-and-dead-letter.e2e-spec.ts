import { ConsumeResult, MessageView, Producer, PushConsumer } from 'rocketmq-client-nodejs';
import { withTimeout } from '@app/messaging';
import { eventually } from '../support/eventually';
import { MessageCollector, quietLogger, startProducer, uniqueName } from '../support/rocketmq';
import { testEnv } from '../support/test-env';

const TOPIC = 'smoke-normal';
// Created by infra/rocketmq/init.sh with the test profile's CONSUMER_MAX_RETRIES.
const GROUP = 'smoke-dlq';
const MAX_RETRIES = Number(process.env.CONSUMER_MAX_RETRIES ?? 2);

describe('a consumer that keeps failing', () => {
  let producer: Producer;
  let consumer: PushConsumer;
  let deadLetters: MessageCollector | undefined;

  afterEach(async () => {
    await consumer?.shutdown();
    await producer?.shutdown();
    await deadLetters?.stop();
  });

  it('gets the message again with backoff, then the message lands in the DLQ of its group', async () => {
    const tag = uniqueName('tag');
    const key = uniqueName('poison');
    const deliveries: Array<{ at: number; attempt?: number }> = [];
    consumer = new PushConsumer({
      endpoints: testEnv.rocketMqEndpoints,
      namespace: '',
      consumerGroup: GROUP,
      subscriptions: new Map([[TOPIC, tag]]),
      logger: quietLogger,
      messageListener: {
        consume(message: MessageView) {
          if (message.keys.includes(key)) deliveries.push({ at: Date.now(), attempt: message.deliveryAttempt });
          return ConsumeResult.FAILURE;
        },
      },
    });
    await withTimeout(consumer.startup(), 15000, 'push consumer startup');
    producer = await startProducer([TOPIC]);
    await producer.send({ topic: TOPIC, tag, keys: [key], body: Buffer.from('poison') });

    await eventually(() => expect(deliveries).toHaveLength(MAX_RETRIES + 1), 90000);
    expect(deliveries.map((d) => d.attempt)).toEqual(Array.from({ length: MAX_RETRIES + 1 }, (_, i) => i + 1));
    const gaps = deliveries.slice(1).map((d, i) => d.at - deliveries[i].at);
    console.info(`redelivery gaps (ms): ${gaps.join(', ')}`);
    expect(Math.min(...gaps)).toBeGreaterThan(500); // redelivered later, not in a tight loop

    await eventually(async () => {
      deadLetters ??= await MessageCollector.start(`%DLQ%${GROUP}`, '*');
      expect(deadLetters.withKey(key)).toHaveLength(1);
    }, 60000);
    expect(deliveries).toHaveLength(MAX_RETRIES + 1);
  });
});
