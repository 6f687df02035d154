// Benchmark of the whole flow: POST /orders until GET /orders/:id shows CONFIRMED or CANCELLED, on loopback only.
// Seeds one SKU with --stock units and each customer with enough money, then places --orders orders at
// --concurrency, polling each order every --poll-ms. Prints the time from POST to final state (p50/p90/p99).
// Usage: node scripts/bench-flow.mjs [--orders 200] [--concurrency 4] [--stock 1000000] [--base-port 3001]
// The 50-order race of issue 4: --orders 50 --concurrency 50 --stock 10.
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '4' },
    stock: { type: 'string', default: '1000000' },
    'base-port': { type: 'string', default: process.env.ORDER_SERVICE_PORT ?? '3001' },
    'poll-ms': { type: 'string', default: '20' },
    'max-seconds': { type: 'string', default: '300' },
  },
});
const port = Number(values['base-port']);
const [orderUrl, inventoryUrl, paymentUrl] = [0, 1, 2].map((i) => `http://127.0.0.1:${port + i}`);
const total = Number(values.orders);
const concurrency = Number(values.concurrency);
const deadline = Date.now() + Number(values['max-seconds']) * 1000;
const run = randomUUID().slice(0, 6);
const sku = `BENCH-${run}`;

const json = (method, body) => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const put = async (url, body) => {
  const res = await fetch(url, json('PUT', body));
  if (!res.ok) throw new Error(`PUT ${url}: ${res.status} ${await res.text()}`);
};

await put(`${inventoryUrl}/products/${sku}`, { stock: Number(values.stock) });
for (let c = 0; c < concurrency; c++) await put(`${paymentUrl}/accounts/bench-${run}-${c}`, { balanceCents: 1e12 });

const latencies = [];
const outcomes = new Map();
let issued = 0;

async function worker(c) {
  while (issued < total && Date.now() < deadline) {
    issued++;
    const body = { customerId: `bench-${run}-${c}`, items: [{ sku, quantity: 1, unitPriceCents: 999 }] };
    const started = performance.now();
    const res = await fetch(`${orderUrl}/orders`, json('POST', body));
    const order = await res.json();
    if (res.status !== 201) {
      outcomes.set(`HTTP ${res.status}`, (outcomes.get(`HTTP ${res.status}`) ?? 0) + 1);
      continue;
    }
    let status = order.status;
    let reason;
    while (status === 'PENDING' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, Number(values['poll-ms'])));
      ({ status, cancelReason: reason } = await (await fetch(`${orderUrl}/orders/${order.id}`)).json());
    }
    latencies.push(performance.now() - started);
    const key = reason ? `${status}/${reason}` : status;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, (_, c) => worker(c)));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(0);
const product = await (await fetch(`${inventoryUrl}/products/${sku}`)).json();
console.log(`${latencies.length} orders at concurrency ${concurrency} in ${seconds.toFixed(1)} s`);
console.log(`outcomes ${JSON.stringify(Object.fromEntries(outcomes))}; ${sku}: ${JSON.stringify(product)}`);
console.log(
  `POST -> final state, ms: p50 ${pct(50)}  p90 ${pct(90)}  p99 ${pct(99)}  max ${latencies.at(-1).toFixed(0)}`,
);
console.log(`finished orders per second: ${(latencies.length / seconds).toFixed(1)}`);
