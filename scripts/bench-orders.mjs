// Benchmark of POST /orders: a bounded number of requests at fixed concurrency, on loopback only.
// Usage: node scripts/bench-orders.mjs [--url http://127.0.0.1:3001] [--requests 500] [--concurrency 8]
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:3001' },
    requests: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '8' },
    'max-seconds': { type: 'string', default: '120' },
  },
});
const url = new URL('/orders', values.url);
if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error('benchmarks target loopback only');
const total = Number(values.requests);
const concurrency = Number(values.concurrency);
const deadline = Date.now() + Number(values['max-seconds']) * 1000;

const latencies = [];
const statuses = new Map();
let issued = 0;

async function worker(id) {
  while (issued < total && Date.now() < deadline) {
    const n = issued++;
    const body = JSON.stringify({
      customerId: `bench-${id}`,
      items: [{ sku: `SKU-${n % 10}`, quantity: 1 + (n % 3), unitPriceCents: 999 }],
    });
    const started = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await res.arrayBuffer();
    latencies.push(performance.now() - started);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: concurrency }, (_, id) => worker(id)));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1);
console.log(`POST ${url} x${latencies.length} at concurrency ${concurrency} in ${seconds.toFixed(1)} s`);
console.log(
  `throughput ${(latencies.length / seconds).toFixed(1)} req/s; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
);
console.log(`latency ms: p50 ${pct(50)}  p90 ${pct(90)}  p99 ${pct(99)}  max ${latencies.at(-1).toFixed(1)}`);
