import { randomUUID } from 'node:crypto';
import { Catalog } from './catalog';
import { ChaosStack } from './chaos-stack';
import { EventDuplicator } from './event-duplicator';
import { FaultKind, FaultRecord, runFaults } from './faults';
import { OrderClients, Placement } from './order-clients';
import { SeededRandom } from './seeded-random';
import { StackProfile } from './stack-profile';
import { Check, judge, readEndState } from './verdict';
import { quietBroker, deadLetterCheck } from './quiet-checks';

export interface CampaignOptions {
  seed: number;
  durationMs: number;
  ratePerSecond: number;
  concurrency: number;
  replicas: number;
  faults: readonly FaultKind[];
  /** How long the system may take to settle after the load and the last fault. */
  quietDeadlineMs: number;
  log?: (line: string) => void;
}

export interface CampaignResult {
  options: CampaignOptions;
  runId: string;
  placements: Placement[];
  skipped: number;
  unavailableCodes: Record<string, number>;
  faults: FaultRecord[];
  loadEndedAtMs: number;
  /** From the end of the load and the last fault to the first moment every check held; undefined if never. */
  quietAfterMs?: number;
  checks: Check[];
  restarts: Record<string, number>;
}

/** Orders under load while seeded faults hit the stack, then a wait for quiet and the verdict. */
export async function runCampaign(profile: StackProfile, options: CampaignOptions): Promise<CampaignResult> {
  const log = options.log ?? (() => undefined);
  const random = new SeededRandom(options.seed);
  const runId = `chaos${options.seed}-${randomUUID().slice(0, 6)}`;
  const catalog = new Catalog(runId, random);
  log(`starting ${options.replicas} replicas of each service behind fault proxies (${profile.name} stack)`);
  const stack = await ChaosStack.start(profile, options.replicas);
  for (const [service, proxy] of stack.databaseProxies) {
    log(
      `${service}: database via 127.0.0.1:${proxy.port}, broker via 127.0.0.1:${stack.brokerProxies.get(service)!.port}`,
    );
  }
  const duplicator = await EventDuplicator.start();
  try {
    await seed(stack, catalog);
    const clients = new OrderClients(stack.urlsOf('order-service'), catalog, {
      ratePerSecond: options.ratePerSecond,
      concurrency: options.concurrency,
      giveUpAfterMs: 120000,
    });
    const start = Date.now();
    log(
      `placing orders at ${options.ratePerSecond}/s for ${options.durationMs / 1000} s; faults: ${options.faults.join(', ')}`,
    );
    const faultsDone = runFaults(
      options.faults,
      random,
      { stack, clients, duplicator },
      start,
      options.durationMs - 3000,
      (line) => log(`fault ${line}`),
    );
    const [faults] = await Promise.all([faultsDone, clients.run(options.durationMs)]);
    const loadEndedAtMs = Date.now() - start;
    log(`load ended after ${loadEndedAtMs} ms; ${clients.placements.length} orders offered; waiting for quiet`);
    const settled = await waitForQuiet(profile, catalog, clients.placements, options.quietDeadlineMs);
    const settledAt = Date.now();
    const broker = await quietBroker(stack, options.quietDeadlineMs);
    const failedFaults = faults.filter((fault) => fault.error);
    const injected = {
      name: 'every fault was injected and healed',
      ok: failedFaults.length === 0,
      detail: `${faults.length} faults${failedFaults.map((f) => `; ${f.kind} failed: ${f.error}`).join('')}`,
    };
    const checks = [injected, ...settled.checks, broker, await deadLetterCheck(stack, start)];
    // Quiet: the databases hold every invariant and the broker has stopped asking about half messages.
    const quietAt = Math.max(settledAt, broker.quietAt ?? 0);
    const quietAfterMs = settled.ok && broker.ok ? quietAt - start - loadEndedAtMs : undefined;
    const restarts = Object.fromEntries(stack.replicas.map((r) => [`${r.service}#${r.index}`, r.restarts]));
    return {
      options,
      runId,
      placements: clients.placements,
      skipped: clients.skipped,
      unavailableCodes: Object.fromEntries(clients.unavailableCodes),
      faults,
      loadEndedAtMs,
      quietAfterMs,
      checks,
      restarts,
    };
  } finally {
    // Cleanup never hides the verdict: a client that cannot say goodbye to a broker that is down is no failure.
    await duplicator.stop().catch((error: Error) => log(`duplicator stop: ${error.message}`));
    await stack.stop().catch((error: Error) => log(`stack stop: ${error.message}`));
  }
}

async function seed(stack: ChaosStack, catalog: Catalog): Promise<void> {
  const [inventory] = stack.urlsOf('inventory-service');
  const [payment] = stack.urlsOf('payment-service');
  for (const [sku, stock] of catalog.stock) await put(`${inventory}/products/${sku}`, { stock });
  for (const [customerId, balanceCents] of catalog.balances)
    await put(`${payment}/accounts/${customerId}`, { balanceCents });
}

async function put(url: string, body: object): Promise<void> {
  const res = await fetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`PUT ${url} answered ${res.status}: ${await res.text()}`);
}

/** Polls the databases until every check holds (the system is quiet) or the deadline passes. */
async function waitForQuiet(profile: StackProfile, catalog: Catalog, placements: Placement[], deadlineMs: number) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const state = await readEndState(profile, catalog).catch((error: Error) => error);
    const checks =
      state instanceof Error
        ? [{ name: 'the databases answer', ok: false, detail: state.message }]
        : judge(placements, catalog, state);
    const ok = checks.every((check) => check.ok);
    if (ok || Date.now() > deadline) return { ok, checks };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
