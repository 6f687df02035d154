// The order flow under load: POSTs in a closed loop (fixed concurrency) or an open loop (fixed arrival rate).
// Nothing polls per order while the load runs: completions are counted from order-service's /metrics, and each
// order's finish time is read once at the end (`finishedAt`).
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuMeter } from './processes.mjs';
import { statementMeter } from './statements.mjs';
import { percentiles } from './stats.mjs';

const json = (method, body) => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function put(url, body) {
  const res = await fetch(url, json('PUT', body));
  if (!res.ok) throw new Error(`PUT ${url}: ${res.status} ${await res.text()}`);
}

/** orders_finished_total summed over its labels. */
async function finishedCount(orders) {
  const text = await (await fetch(`${orders}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('orders_finished_total{'))
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

/** Seeds products and customers: enough of both unless `stock` says otherwise (the race). */
async function seed({ inventory, payment }, options, run) {
  const skus = Array.from({ length: options.hotSku ? 1 : options.skus }, (_, i) => `B${run}-${i}`);
  const customers = Array.from({ length: options.customers }, (_, i) => `b${run}-${i}`);
  for (const sku of skus) await put(`${inventory}/products/${sku}`, { stock: options.stock });
  for (const customer of customers) await put(`${payment}/accounts/${customer}`, { balanceCents: 1e12 });
  return { skus, customers };
}

export async function runFlow(urls, options, processes) {
  const run = randomUUID().slice(0, 6);
  const { skus, customers } = await seed(urls, options, run);
  const placed = []; // { id, postedAt, postMs }
  const refused = new Map();
  let n = 0;
  const place = async () => {
    const i = n++;
    const body = {
      customerId: customers[i % customers.length],
      items: [{ sku: skus[(i * 7) % skus.length], quantity: 1, unitPriceCents: 999 }],
    };
    const postedAt = Date.now();
    const started = performance.now();
    try {
      const res = await fetch(`${urls.orders}/orders`, json('POST', body));
      const answer = await res.json();
      if (res.status === 201) placed.push({ id: answer.id, postedAt, postMs: performance.now() - started });
      else refused.set(`${res.status} ${answer.code}`, (refused.get(`${res.status} ${answer.code}`) ?? 0) + 1);
      // A closed-loop client waits as it is told before its next order; an open-loop arrival is just refused.
      const retryAfter = Number(res.headers.get('retry-after'));
      if (res.status === 503 && options.mode === 'closed' && retryAfter > 0) await sleep(retryAfter * 1000);
    } catch (error) {
      refused.set(error.name, (refused.get(error.name) ?? 0) + 1);
    }
  };

  const finishedBefore = await finishedCount(urls.orders);
  const cpu = cpuMeter(processes);
  const statements = await statementMeter();
  const started = Date.now();
  const endBy = started + options.duration * 1000;
  const more = () => Date.now() < endBy && n < options.orders;
  if (options.mode === 'open') {
    const inFlight = new Set();
    for (let i = 0; more(); i++) {
      const due = started + (i * 1000) / options.rate;
      if (due > Date.now()) await sleep(due - Date.now());
      if (inFlight.size >= options.maxInFlight) {
        refused.set('client: too many in flight', (refused.get('client: too many in flight') ?? 0) + 1);
        n++;
        continue;
      }
      const request = place().finally(() => inFlight.delete(request));
      inFlight.add(request);
    }
    await Promise.all(inFlight);
  } else {
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (more()) await place();
      }),
    );
  }
  const loadSeconds = (Date.now() - started) / 1000;

  // Quiet: every accepted order final, judged from one counter read every 200 ms.
  const quietBy = Date.now() + options.drainSeconds * 1000;
  while ((await finishedCount(urls.orders)) - finishedBefore < placed.length && Date.now() < quietBy) await sleep(200);
  const cpuMsByProcess = cpu();
  const database = await statements();
  const wallSeconds = (Date.now() - started) / 1000;

  const outcomes = new Map();
  const finalMs = [];
  let lastFinish = started;
  for (let i = 0; i < placed.length; i += 16) {
    await Promise.all(
      placed.slice(i, i + 16).map(async ({ id, postedAt }) => {
        const order = await (await fetch(`${urls.orders}/orders/${id}`)).json();
        const key = order.cancelReason ? `${order.status}/${order.cancelReason}` : order.status;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        if (!order.finishedAt) return;
        const finishedAt = Date.parse(order.finishedAt);
        finalMs.push(finishedAt - postedAt);
        lastFinish = Math.max(lastFinish, finishedAt);
      }),
    );
  }
  const completed = finalMs.length;
  // Nothing created for a refused request: every unit taken from this run's SKUs belongs to a confirmed order of ours.
  let unitsTaken = 0;
  for (const sku of skus) {
    const product = await (await fetch(`${urls.inventory}/products/${encodeURIComponent(sku)}`)).json();
    unitsTaken += product.reserved + product.sold;
  }
  return {
    mode: options.mode,
    offeredPerSecond: options.mode === 'open' ? options.rate : undefined,
    concurrency: options.mode === 'closed' ? options.concurrency : undefined,
    skus: skus.length,
    customers: customers.length,
    loadSeconds,
    wallSeconds,
    attempted: n,
    accepted: placed.length,
    refused: Object.fromEntries(refused),
    completed,
    completedPerSecond: completed / ((lastFinish - started) / 1000),
    acceptedPerSecond: placed.length / loadSeconds,
    outcomes: Object.fromEntries(outcomes),
    unitsTaken,
    unitsOfConfirmedOrders: outcomes.get('CONFIRMED') ?? 0, // one unit per order
    postMs: percentiles(placed.map((order) => order.postMs)),
    postToFinalMs: percentiles(finalMs),
    cpuMsByProcess,
    database,
  };
}
