// `npm run bench`: the order flow under a bounded load against the running stack (started if needed), on
// loopback only. Reports offered and achieved orders/s, POST and POST->final percentiles, outcomes and CPU per
// order of every process (from /proc), prints a table and writes JSON under .run/bench/.
//   --mode closed --concurrency 16            closed loop (default)
//   --mode open --rate 50                     open loop: a fixed arrival rate
//   --duration 20 --orders 100000             bounds (seconds, count); --warmup 5 seconds first
//   --skus 100 --customers 100 | --hot-sku    spread, or every order on one SKU
//   --race                                    50 orders at once for the last 10 units of one SKU
//   --floor                                   first the RocketMQ floor on the same stack, then the flow; ratios
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runFloor } from './bench/floor.mjs';
import { runFlow } from './bench/flow.mjs';
import { stackProcesses } from './bench/processes.mjs';
import { cpuRows, fmt, latencyRow, printTable } from './bench/stats.mjs';

const root = join(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    mode: { type: 'string', default: 'closed' },
    concurrency: { type: 'string', default: '16' },
    rate: { type: 'string', default: '50' },
    duration: { type: 'string', default: '20' },
    orders: { type: 'string', default: '100000' },
    warmup: { type: 'string', default: '5' },
    skus: { type: 'string', default: '100' },
    customers: { type: 'string', default: '100' },
    'hot-sku': { type: 'boolean', default: false },
    race: { type: 'boolean', default: false },
    floor: { type: 'boolean', default: false },
    'floor-messages': { type: 'string', default: '3000' },
    'max-in-flight': { type: 'string', default: '2000' },
  },
});
const env = process.env; // the stack profile's settings (scripts/bench.sh); the dev stack's without them
const urls = {
  orders: `http://127.0.0.1:${env.ORDER_SERVICE_PORT ?? 3001}`,
  inventory: `http://127.0.0.1:${env.INVENTORY_SERVICE_PORT ?? 3002}`,
  payment: `http://127.0.0.1:${env.PAYMENT_SERVICE_PORT ?? 3003}`,
};
const endpoints = `127.0.0.1:${env.PROXY_GRPC_PORT ?? 8081}`;
const runDir = env.RUN_DIR ?? join(root, '.run/dev');

async function stackIsUp() {
  const answers = await Promise.all(
    Object.values(urls).map((url) =>
      fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      ),
    ),
  );
  return answers.every(Boolean);
}
if (!(await stackIsUp())) {
  console.log('the stack is not running: npm run stack:up');
  execFileSync('bash', [join(root, 'infra/stack/up.sh')], { stdio: 'inherit' });
}

const flowOptions = (overrides = {}) => ({
  mode: args.mode,
  concurrency: Number(args.concurrency),
  rate: Number(args.rate),
  duration: Number(args.duration),
  orders: Number(args.orders),
  skus: Number(args.skus),
  customers: Number(args.customers),
  hotSku: args['hot-sku'],
  stock: 1_000_000_000,
  maxInFlight: Number(args['max-in-flight']),
  drainSeconds: 120,
  ...(args.race ? { mode: 'closed', concurrency: 50, orders: 50, hotSku: true, stock: 10, duration: 120 } : {}),
  ...overrides,
});
const processes = stackProcesses(runDir);
const result = { at: new Date().toISOString(), args, processes };

if (args.floor) {
  execFileSync('bash', [join(root, 'infra/rocketmq/init.sh')], { stdio: 'ignore' }); // creates the floor's topic
  result.floor = await runFloor(endpoints, { messages: Number(args['floor-messages']), concurrency: 64 }, processes);
  const f = result.floor;
  printTable(`RocketMQ floor: ${f.received}/${f.messages} transactional messages sent, received and acked`, [
    ['messages/s', fmt(f.messagesPerSecond)],
    ['send -> receive', latencyRow(f.sendToReceiveMs)],
    ...cpuRows(f.cpuMsByProcess, f.received, 'message'),
  ]);
}

if (Number(args.warmup) > 0 && !args.race)
  await runFlow(urls, flowOptions({ duration: Number(args.warmup) }), processes);
const flow = (result.flow = await runFlow(urls, flowOptions(), processes));
const load =
  flow.mode === 'open' ? `open loop at ${flow.offeredPerSecond}/s` : `closed loop, concurrency ${flow.concurrency}`;
const rows = [
  ['offered', flow.mode === 'open' ? `${flow.offeredPerSecond} orders/s` : '-'],
  [
    'accepted',
    `${flow.accepted} of ${flow.attempted} (${fmt(flow.acceptedPerSecond)}/s); refused ${JSON.stringify(flow.refused)}`,
  ],
  ['completed', `${flow.completed} (${fmt(flow.completedPerSecond)} orders/s)`],
  ['outcomes', JSON.stringify(flow.outcomes)],
  ['checks', flowChecks(flow)],
  ['POST', latencyRow(flow.postMs)],
  ['POST -> final', latencyRow(flow.postToFinalMs)],
  ...cpuRows(flow.cpuMsByProcess, flow.completed, 'order'),
  ['database (server-wide)', databaseRow(flow.database, flow.completed)],
];
if (result.floor) {
  // The flow's client (HTTP) is not part of the stack; the floor's client (RocketMQ) is the benchmark itself.
  const cpuOf = (run, per, withBenchmark) =>
    Object.entries(run.cpuMsByProcess)
      .filter(([role]) => withBenchmark || role !== 'benchmark')
      .reduce((s, [, ms]) => s + ms, 0) / per;
  result.ratios = {
    cpuPerOrderToCpuPerFloorMessage:
      cpuOf(flow, flow.completed, false) / cpuOf(result.floor, result.floor.received, true),
    floorMessagesPerSecondToOrdersPerSecond: result.floor.messagesPerSecond / flow.completedPerSecond,
  };
  rows.push(['CPU/order vs floor CPU/message', `x${fmt(result.ratios.cpuPerOrderToCpuPerFloorMessage)}`]);
  rows.push(['floor msgs/s vs orders/s', `x${fmt(result.ratios.floorMessagesPerSecondToOrdersPerSecond)}`]);
}
printTable(
  `Order flow, ${load}, ${flow.skus} SKUs, ${flow.customers} customers, ${fmt(flow.loadSeconds)} s of load`,
  rows,
);

const dir = join(root, '.run/bench');
mkdirSync(dir, { recursive: true });
const file = join(dir, `${result.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, JSON.stringify(result, null, 2));
console.log(`\nwritten to ${file}`);

function databaseRow(counts, orders) {
  if (!counts) return 'not readable';
  const per = (n) => fmt(n / orders);
  return `${per(counts.statements)} statements, ${per(counts.commits)} commits, ${per(counts.rollbacks)} rollbacks per order`;
}

/** Every accepted order final, and the stock taken only by them: a refused request created nothing. */
function flowChecks({ accepted, completed, unitsTaken, unitsOfConfirmedOrders }) {
  const problems = [];
  if (completed !== accepted) problems.push(`${accepted - completed} accepted orders not final`);
  if (unitsTaken !== unitsOfConfirmedOrders)
    problems.push(`${unitsTaken} units taken for ${unitsOfConfirmedOrders} confirmed orders`);
  if (problems.length === 0) return 'every accepted order final; stock taken only by confirmed orders';
  process.exitCode = 1;
  return `FAILED: ${problems.join('; ')}`;
}
