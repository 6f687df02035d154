// `npm run demo`: starts the stack if needed, places a sample order and follows it: the HTTP answer, the row
// behind GET /orders/:id, and the OrderCreated message as a consumer of the topic receives it.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { SimpleConsumer } = require('rocketmq-client-nodejs');

const orderUrl = `http://127.0.0.1:${process.env.ORDER_SERVICE_PORT ?? 3001}`;
const endpoints = `127.0.0.1:${process.env.PROXY_GRPC_PORT ?? 8081}`;
const quiet = { info() {}, debug() {}, warn() {}, error() {} };
const show = (title, value) =>
  console.log(`\n== ${title}\n${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}`);

execFileSync('bash', ['infra/stack/up.sh'], { stdio: 'inherit' });

// A consumer group of its own, so the demo sees every OrderCreated without taking it from the services.
const consumer = new SimpleConsumer({
  endpoints,
  namespace: '',
  consumerGroup: `demo-${randomUUID().slice(0, 8)}`,
  subscriptions: new Map([['order-events', 'OrderCreated']]),
  awaitDuration: 3000,
  logger: quiet,
});
await consumer.startup();

const request = {
  customerId: `demo-${randomUUID().slice(0, 6)}`,
  items: [
    { sku: 'SKU-KEYBOARD', quantity: 1, unitPriceCents: 4999 },
    { sku: 'SKU-MOUSE', quantity: 2, unitPriceCents: 1999 },
  ],
};
show('POST /orders', request);
const placed = await fetch(`${orderUrl}/orders`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'idempotency-key': `demo-${request.customerId}` },
  body: JSON.stringify(request),
});
const order = await placed.json();
show(`-> ${placed.status}`, order);
if (placed.status !== 201) process.exit(1);

show(`GET /orders/${order.id}`, await (await fetch(`${orderUrl}/orders/${order.id}`)).json());

const deadline = Date.now() + 30000;
let event;
while (!event && Date.now() < deadline) {
  const messages = await consumer.receive(16, 15000).catch(() => []);
  for (const message of messages) {
    const body = JSON.parse(message.body.toString());
    if (body.orderId === order.id) event = { messageId: message.messageId, keys: message.keys, body };
    await consumer.ack(message);
  }
}
await consumer.shutdown();
show('OrderCreated as a consumer received it (committed together with the order row)', event ?? 'not received in 30 s');
show(
  'What is next',
  'Inventory and payment consumers confirm or cancel the order (coming in the next issue).\n' +
    `Logs: .run/dev/logs  OpenAPI: ${orderUrl}/docs  Metrics: ${orderUrl}/metrics  Stop: npm run stack:down`,
);
process.exit(event ? 0 : 1);
