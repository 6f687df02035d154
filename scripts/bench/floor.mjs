// The RocketMQ floor on the same stack: what the flow's messages cost without any database or service logic.
// Transactional send (half + commit) from the services' client, receive and ack by a SimpleConsumer, messages the
// size of an OrderCreated, on a topic of its own.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuMeter } from './processes.mjs';
import { percentiles } from './stats.mjs';

const require = createRequire(import.meta.url);
const { Producer, SimpleConsumer } = require('rocketmq-client-nodejs');
const { TransactionResolution } = require('rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition_pb');

const TOPIC = 'bench-floor';
const quiet = { info() {}, debug() {}, warn() {}, error: (...args) => console.error('[rocketmq-client]', ...args) };
const within = (promise, ms, what) =>
  Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`${what} took over ${ms} ms`)))]);

function aBody(i) {
  const eventId = randomUUID();
  const items = [{ sku: `FLOOR-${i % 100}`, quantity: 1, unitPriceCents: 999 }];
  const payload = { customerId: `floor-${i % 100}`, totalCents: 999, items };
  return JSON.stringify({
    eventId,
    type: 'OrderCreated',
    version: 1,
    orderId: randomUUID(),
    occurredAt: new Date(),
    payload,
  });
}

export async function runFloor(endpoints, options, processes) {
  const tag = `floor-${randomUUID().slice(0, 8)}`;
  const producer = new Producer({
    endpoints,
    namespace: '',
    topics: [TOPIC],
    checker: { check: () => Promise.resolve(TransactionResolution.COMMIT) },
    logger: quiet,
  });
  const consumer = new SimpleConsumer({
    endpoints,
    namespace: '',
    consumerGroup: `bench-${tag}`,
    subscriptions: new Map([[TOPIC, tag]]),
    awaitDuration: 3000,
    logger: quiet,
  });
  await within(producer.startup(), 15000, 'producer startup');
  await within(consumer.startup(), 15000, 'consumer startup');
  const total = options.messages;
  const sentAt = new Map();
  const deliveryMs = [];
  let received = 0;
  let receiving = true;
  const receiveLoop = async () => {
    while (receiving) {
      const batch = await consumer.receive(32, 15000).catch(() => []);
      await Promise.all(
        batch.map(async (message) => {
          const at = sentAt.get(message.keys[0]);
          if (at !== undefined) deliveryMs.push(performance.now() - at);
          await consumer.ack(message);
          received++;
        }),
      );
    }
  };

  const cpu = cpuMeter(processes);
  const started = performance.now();
  const loops = Array.from({ length: 4 }, receiveLoop);
  let n = 0;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (n < total) {
        const i = n++;
        const key = `${tag}-${i}`;
        const transaction = producer.beginTransaction();
        sentAt.set(key, performance.now());
        await producer.send({ topic: TOPIC, tag, keys: [key], body: Buffer.from(aBody(i)) }, transaction);
        await transaction.commit();
      }
    }),
  );
  const deadline = Date.now() + 60000;
  while (received < total && Date.now() < deadline) await sleep(50);
  const seconds = (performance.now() - started) / 1000;
  const cpuMsByProcess = cpu();
  receiving = false;
  await Promise.all(loops);
  await Promise.all([producer.shutdown(), consumer.shutdown()]);
  return {
    messages: total,
    received,
    concurrency: options.concurrency,
    seconds,
    messagesPerSecond: received / seconds,
    sendToReceiveMs: percentiles(deliveryMs),
    cpuMsByProcess,
  };
}
