import { ChaosStack, SERVICE_NAMES } from './chaos-stack';
import { EventDuplicator } from './event-duplicator';
import { OrderClients } from './order-clients';
import { SeededRandom } from './seeded-random';

export const FAULT_KINDS = [
  'kill-replica',
  'kill-broker',
  'database-outage',
  'database-restart',
  'broker-cut',
  'crash-point',
  'duplicate-deliveries',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The order-service crash points a request can ask for (X-Fault-Inject, FAULT_INJECTION=true). */
const CRASH_POINTS = [
  'crash-after-half-message',
  'crash-after-local-commit',
  'fail-local-transaction',
  'consumer-crash-before-ack',
];

/** One fault as it happened: when it began and ended (ms since the campaign started) and what it hit. */
export interface FaultRecord {
  kind: FaultKind;
  target: string;
  startedAtMs: number;
  endedAtMs?: number;
  error?: string;
}

/** What the faults act on. */
export interface FaultTargets {
  stack: ChaosStack;
  clients: OrderClients;
  duplicator: EventDuplicator;
}

/**
 * Runs faults one after another at seeded random times until `untilMs`, in rounds that hold every kind once in a
 * seeded order; each picks its target and duration from the same seed, and the next starts 1-5 s after it ended.
 */
export async function runFaults(
  kinds: readonly FaultKind[],
  random: SeededRandom,
  targets: FaultTargets,
  campaignStart: number,
  untilMs: number,
  log: (line: string) => void = () => undefined,
): Promise<FaultRecord[]> {
  const timeline: FaultRecord[] = [];
  const now = () => Date.now() - campaignStart;
  await sleep(random.int(2000, 4000));
  let round: FaultKind[] = [];
  while (kinds.length > 0 && now() < untilMs) {
    if (round.length === 0) round = random.sample(kinds, kinds.length); // every kind once per round
    const kind = round.shift()!;
    const record: FaultRecord = { kind, target: '', startedAtMs: now() };
    timeline.push(record);
    try {
      await inject(kind, random, targets, record);
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
    record.endedAtMs = now();
    log(
      `+${(record.startedAtMs / 1000).toFixed(1)} s ${kind} ${record.target}${record.error ? ` ERROR ${record.error}` : ''}`,
    );
    await sleep(random.int(1000, 5000));
  }
  return timeline;
}

async function inject(kind: FaultKind, random: SeededRandom, targets: FaultTargets, record: FaultRecord) {
  const { stack, clients, duplicator } = targets;
  const service = random.pick(SERVICE_NAMES);
  switch (kind) {
    case 'kill-replica': {
      const replica = random.pick(stack.replicasOf(service));
      record.target = `${service}#${replica.index}`;
      replica.process.kill('SIGKILL');
      await replica.process.exited();
      return;
    }
    case 'kill-broker': {
      const downMs = random.int(1000, 5000);
      record.target = `broker JVM (restarted after ${downMs} ms)`;
      return stack.killBroker(downMs);
    }
    case 'database-outage': {
      const ms = random.int(1000, 6000);
      record.target = `${service} -> database for ${ms} ms`;
      return stack.cutFor(stack.databaseProxies.get(service)!, ms);
    }
    case 'database-restart':
      if (!stack.managesDatabase) {
        record.target = 'skipped: the stack does not manage this database server';
        return;
      }
      record.target = 'database server';
      return stack.restartDatabase();
    case 'broker-cut': {
      const ms = random.int(1000, 6000);
      record.target = `${service} -> broker for ${ms} ms`;
      return stack.cutFor(stack.brokerProxies.get(service)!, ms);
    }
    case 'crash-point': {
      const fault = random.pick(CRASH_POINTS);
      record.target = `next order with X-Fault-Inject: ${fault}`;
      clients.injectIntoNextOrder(fault);
      return;
    }
    case 'duplicate-deliveries': {
      const sent = await duplicator.duplicate(random, random.int(3, 12));
      record.target = `${sent} events published again`;
      return;
    }
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
