// What each README compose command should have done (see check-compose.mjs).
import { spawnSync } from 'node:child_process';
import {
  call,
  consoleUrl,
  containers,
  docker,
  dockerBin,
  fail,
  inventory,
  inspect,
  log,
  orders,
  payment,
  project,
  seconds,
  serviceOf,
  sh,
  until,
} from './support.mjs';

/** Every long-running container healthy, every one-shot exited 0. */
export async function allHealthy() {
  const since = Date.now();
  await until(
    'every service healthy',
    async () => {
      const states = containers().map(inspect);
      const broken = states.find((c) => !c.State.Running && !c.State.Restarting && c.State.ExitCode !== 0);
      if (broken) fail(`${serviceOf(broken)} exited with ${broken.State.ExitCode}`);
      return states.length >= 9 && states.every((c) => (c.State.Running ? c.State.Health?.Status === 'healthy' : true));
    },
    300_000,
  );
  const states = containers().map(inspect);
  const span = (from, to) => ((Date.parse(to) - Date.parse(from)) / 1000).toFixed(2);
  const oneShots = states
    .filter((c) => !c.State.Running)
    .map((c) => `${serviceOf(c)} ${span(c.State.StartedAt, c.State.FinishedAt)} s`);
  const checks = states
    .filter((c) => c.State.Running && c.State.Health?.Log.length)
    .map((c) => `${serviceOf(c)} ${Math.max(...c.State.Health.Log.map((h) => span(h.Start, h.End)))} s`);
  log(`every service healthy after ${seconds(since)}; one-shot runs: ${oneShots.join(', ')}`);
  log(`longest healthcheck: ${checks.join(', ')}`);
}

/** The console serves its page and the page's script from the image (built by Vite at `npm run build`). */
export async function consoleServes() {
  const page = await fetch(`${consoleUrl}/`);
  const html = await page.text();
  const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
  if (page.status !== 200 || !script) fail(`the console at ${consoleUrl} answered ${page.status} without a script`);
  const asset = await fetch(new URL(script, consoleUrl));
  if (asset.status !== 200) fail(`the console's script ${script} answered ${asset.status}`);
  log(`console: ${consoleUrl} serves its page and ${script}`);
}

/** The services' image was built, and `npm ci` found every package's engines satisfied by the image's Node. */
export function checkBuild(output) {
  if (!output.includes('Successfully tagged rocketmq-orders:local')) fail('`up --build` built no services image');
  if (output.includes('EBADENGINE')) fail('npm ci warned EBADENGINE: the image runs a Node some package refuses');
  log('build: services image built; npm ci without EBADENGINE');
}

export function checkDemo(output) {
  for (const expected of [
    '-> CONFIRMED',
    '-> CANCELLED/OUT_OF_STOCK',
    '-> CANCELLED/INSUFFICIENT_FUNDS',
    'stock conserved (available + reserved + sold unchanged per SKU): yes',
    'money conserved (balance + charged - refunded = seeded balance): yes',
  ]) {
    if (!output.includes(expected)) fail(`the demo did not print "${expected}"`);
  }
  log('demo: CONFIRMED, OUT_OF_STOCK, INSUFFICIENT_FUNDS; stock and money conserved');
}

const crashOrder = { customerId: 'carol', items: [{ sku: 'SKU-CRASH', quantity: 1, unitPriceCents: 2500 }] };

/** FAULT_INJECTION=true, then an order whose service dies (SIGKILL) between its local commit and the broker's. */
export async function crashAfterLocalCommit() {
  const since = Date.now();
  sh('docker-compose up -d', { env: { FAULT_INJECTION: 'true' }, timeoutMs: 300_000 });
  await allHealthy();
  log(`restarted with FAULT_INJECTION=true in ${seconds(since)}`);
  await call('PUT', `${inventory}/products/SKU-CRASH`, { stock: 3 });
  await call('PUT', `${payment}/accounts/carol`, { balanceCents: 10000 });
  const key = { 'Idempotency-Key': `compose-test-crash-${Date.now()}` };
  const crashed = Date.now();
  await crashOrderService(key);
  // The same key and body answer with the order the dead process committed locally.
  const placed = await call('POST', `${orders}/orders`, crashOrder, key);
  await confirmedByCheckBack(placed.id);
  log(`the crashed order ${placed.id} ended CONFIRMED ${seconds(crashed)} after the crash (committed by check-back)`);
  await settledOnce();
}

async function crashOrderService(key) {
  const since = Date.now();
  const id = sh('docker-compose ps -q order-service', { quiet: true }).trim();
  const restarts = inspect(id).RestartCount;
  const headers = { ...key, 'X-Fault-Inject': 'crash-after-local-commit' };
  const answer = await call('POST', `${orders}/orders`, crashOrder, headers)
    .then((o) => `an order (${o.status})`)
    .catch((error) => `no order (${error.cause?.code ?? error.message})`);
  if (answer.startsWith('an order')) fail(`POST with crash-after-local-commit answered ${answer}`);
  await until(
    'order-service killed, restarted and healthy',
    async () => {
      const c = inspect(id);
      return c.RestartCount > restarts && c.State.Health?.Status === 'healthy';
    },
    120_000,
  );
  log(`crash-after-local-commit: POST got ${answer}; order-service restarted and healthy after ${seconds(since)}`);
}

async function confirmedByCheckBack(orderId) {
  const final = await until(
    'the crashed order ends',
    async () => {
      const o = await call('GET', `${orders}/orders/${orderId}`);
      return o.status !== 'PENDING' && o;
    },
    120_000,
  );
  if (final.status !== 'CONFIRMED') fail(`the crashed order ended ${final.status} ${final.cancelReason ?? ''}`);
  // The dead process never committed its OrderCreated: the restarted one answered the broker's check-back.
  const metrics = await (await fetch(`${orders}/metrics`)).text();
  const committedByCheck = metrics
    .split('\n')
    .some((l) => /^rocketmq_transaction_checks_total\{.*topic="order-events".*answer="COMMIT".*\} [1-9]/.test(l));
  if (!committedByCheck) fail('the restarted order-service answered no check-back with COMMIT (see its /metrics)');
}

/** One unit sold and 25.00 charged, once: stock and money conserved across the crash. */
async function settledOnce() {
  const settled = await until(
    'stock and money settled',
    async () => {
      const p = await call('GET', `${inventory}/products/SKU-CRASH`);
      const a = await call('GET', `${payment}/accounts/carol`);
      return p.reserved === 0 && p.sold === 1 && { p, a };
    },
    60_000,
  );
  if (settled.p.available !== 2 || settled.a.balanceCents !== 7500)
    fail(`after the crashed order: ${JSON.stringify(settled)}`);
  log('after the crash: one unit sold (2 of 3 left), 25.00 charged once');
}

/** After `stop`: the JVMs stopped on SIGTERM (exit 143, not 137) and the broker's store has no abort file. */
export function cleanStop() {
  for (const c of containers()
    .map(inspect)
    .filter((c) => /^rocketmq-(broker|namesrv)$/.test(serviceOf(c)))) {
    if (c.State.ExitCode !== 143) fail(`${serviceOf(c)} exited with ${c.State.ExitCode} (143 = stopped by SIGTERM)`);
  }
  const image = inspect(sh('docker-compose ps -q rocketmq-broker', { quiet: true }).trim()).Config.Image;
  const store = `${project}_rocketmq-store`;
  const probe = 'test -d /store/commitlog || exit 2; test ! -e /store/abort || exit 3';
  const result = spawnSync(dockerBin, [
    'run',
    '--rm',
    '-v',
    `${store}:/store`,
    '--entrypoint',
    'sh',
    image,
    '-c',
    probe,
  ]);
  if (result.status === 2) fail(`the volume ${store} holds no broker store`);
  if (result.status !== 0) fail(`the broker left ${store}/abort: it did not shut down cleanly`);
  log('stop: broker and name server exited on SIGTERM (143); no abort file in the store');
}

export function nothingLeft() {
  const label = `label=com.docker.compose.project=${project}`;
  const left = [
    containers().join(' '),
    docker('volume', 'ls', '-q', '--filter', label),
    docker('network', 'ls', '-q', '--filter', label),
  ];
  if (left.some(Boolean)) fail(`left behind: ${left.join(' ')}`);
  log('down -v: no container, volume or network left');
}
