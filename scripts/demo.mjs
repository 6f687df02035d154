// `npm run demo`: starts the stack if needed, seeds products and accounts, places three orders (one that is
// confirmed, one out of stock, one short of funds), and prints each order's final state with the stock and
// balances before and after. Exits non-zero if an order does not end as expected.
// `npm run demo -- --no-start` does the same against services that already run (e.g. `docker compose up`).
import { execFileSync } from 'node:child_process';

const port = Number(process.env.ORDER_SERVICE_PORT ?? 3001);
const [orders, inventory, payment] = [0, 1, 2].map((i) => `http://127.0.0.1:${port + i}`);
const stock = { 'SKU-KEYBOARD': 5, 'SKU-MOUSE': 10, 'SKU-MONITOR': 1 };
const balances = { alice: 50000, bob: 1000 };
const samples = [
  {
    title: 'alice buys a keyboard and two mice',
    expect: 'CONFIRMED',
    customerId: 'alice',
    items: [
      { sku: 'SKU-KEYBOARD', quantity: 1, unitPriceCents: 4999 },
      { sku: 'SKU-MOUSE', quantity: 2, unitPriceCents: 1999 },
    ],
  },
  {
    title: 'alice wants 3 monitors, 1 is left',
    expect: 'CANCELLED/OUT_OF_STOCK',
    customerId: 'alice',
    items: [{ sku: 'SKU-MONITOR', quantity: 3, unitPriceCents: 12999 }],
  },
  {
    title: 'bob has 10.00 for a 49.99 keyboard',
    expect: 'CANCELLED/INSUFFICIENT_FUNDS',
    customerId: 'bob',
    items: [{ sku: 'SKU-KEYBOARD', quantity: 1, unitPriceCents: 4999 }],
  },
];

const call = async (method, url, body) => {
  const res = await fetch(url, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body && JSON.stringify(body),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`${method} ${url} -> ${res.status} ${JSON.stringify(json)}`);
  return json;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const cents = (value) => (value / 100).toFixed(2);

async function state() {
  const products = await Promise.all(Object.keys(stock).map((sku) => call('GET', `${inventory}/products/${sku}`)));
  const accounts = await Promise.all(Object.keys(balances).map((id) => call('GET', `${payment}/accounts/${id}`)));
  return { products, accounts };
}

function print({ products, accounts }) {
  for (const p of products)
    console.log(`  ${p.sku.padEnd(13)} available ${p.available}  reserved ${p.reserved}  sold ${p.sold}`);
  for (const a of accounts) console.log(`  ${a.customerId.padEnd(13)} balance ${cents(a.balanceCents)}`);
}

// `--no-start` targets services that already run (the docker compose stack) instead of starting the local stack.
if (!process.argv.includes('--no-start')) execFileSync('bash', ['infra/stack/up.sh'], { stdio: 'inherit' });

for (const [sku, units] of Object.entries(stock)) await call('PUT', `${inventory}/products/${sku}`, { stock: units });
for (const [id, balanceCents] of Object.entries(balances))
  await call('PUT', `${payment}/accounts/${id}`, { balanceCents });
const before = await state();
console.log('\n== Before (seeded with PUT /products/:sku and PUT /accounts/:customerId)');
print(before);

console.log('\n== Orders (POST /orders, then GET /orders/:id until CONFIRMED or CANCELLED)');
let failures = 0;
const placed = [];
for (const sample of samples) {
  const started = Date.now();
  let order = await call('POST', `${orders}/orders`, { customerId: sample.customerId, items: sample.items });
  while (order.status === 'PENDING' && Date.now() - started < 60000) {
    await sleep(50);
    order = await call('GET', `${orders}/orders/${order.id}`);
  }
  const outcome = order.cancelReason ? `${order.status}/${order.cancelReason}` : order.status;
  const ok = outcome === sample.expect;
  failures += ok ? 0 : 1;
  placed.push({ ...order, title: sample.title });
  console.log(`  ${sample.title}`);
  console.log(
    `    order ${order.id}  total ${cents(order.totalCents)}  -> ${outcome} in ${Date.now() - started} ms` +
      `${ok ? '' : `  (expected ${sample.expect})`}`,
  );
}

// Compensations (release, refund) follow the cancellations: wait until nothing is held or charged for them.
const paymentOf = async (order) => (await call('GET', `${payment}/payments?orderId=${order.id}`))[0]?.status;
const settled = async () => {
  for (const order of placed) order.payment = await paymentOf(order);
  const refundsDone = placed.every((o) => o.status !== 'CANCELLED' || o.payment !== 'CHARGED');
  return refundsDone && (await state()).products.every((p) => p.reserved === 0);
};
const settleBy = Date.now() + 30000;
while (!(await settled()) && Date.now() < settleBy) await sleep(100);
const after = await state();
console.log('\n== Payments (GET /payments?orderId=), once the compensations are through');
for (const order of placed) console.log(`  ${order.id}  ${order.payment ?? 'none'}  (${order.title})`);
console.log('\n== After (stock released and money refunded for the cancelled orders)');
print(after);
const units = (p) => p.available + p.reserved + p.sold;
const stockKept = after.products.every((p, i) => units(p) === units(before.products[i]));
const charged = (customerId) =>
  placed
    .filter((o) => o.customerId === customerId && o.payment === 'CHARGED')
    .reduce((sum, o) => sum + o.totalCents, 0);
const moneyKept = after.accounts.every((a) => a.balanceCents + charged(a.customerId) === balances[a.customerId]);
console.log(`\n  stock conserved (available + reserved + sold unchanged per SKU): ${stockKept ? 'yes' : 'NO'}`);
console.log(`  money conserved (balance + charged - refunded = seeded balance): ${moneyKept ? 'yes' : 'NO'}`);
const consoleUrl = `http://127.0.0.1:${process.env.CONSOLE_PORT ?? 3000}`;
console.log(
  `\nConsole: ${consoleUrl}  (live orders, each order's timeline, faults; also GET ${orders}/orders/<id>/timeline)`,
);
console.log(
  process.argv.includes('--no-start')
    ? `\nOpenAPI: ${orders}/docs ${inventory}/docs ${payment}/docs`
    : `\nLogs: .run/dev/logs   OpenAPI: ${orders}/docs ${inventory}/docs ${payment}/docs   Stop: npm run stack:down`,
);
process.exit(failures === 0 && stockKept && moneyKept ? 0 : 1);
