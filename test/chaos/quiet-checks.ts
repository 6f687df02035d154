import { ChaosStack, SERVICE_NAMES } from './chaos-stack';
import { Check } from './verdict';

/** Longer than the broker's first check-back delay (3 s) plus two check intervals (2 s each). */
const CHECK_BACK_WINDOW_MS = 8000;

/**
 * No half message is left unresolved at the broker: it asks a producer about every half message older than its
 * transaction timeout, every check interval, so a window without any check-back means none is waiting.
 */
export async function quietBroker(stack: ChaosStack): Promise<Check> {
  const before = await checkBacks(stack);
  await new Promise((resolve) => setTimeout(resolve, CHECK_BACK_WINDOW_MS));
  const after = await checkBacks(stack);
  return {
    name: 'no half message left unresolved at the broker',
    ok: after === before,
    detail: `${after - before} check-backs in the ${CHECK_BACK_WINDOW_MS / 1000} s after quiet`,
  };
}

async function checkBacks(stack: ChaosStack): Promise<number> {
  let total = 0;
  for (const replica of stack.replicas) {
    const text = await (await replica.process.fetch('/metrics')).text();
    for (const line of text.split('\n')) {
      if (line.startsWith('rocketmq_transaction_checks_total{')) total += Number(line.split(' ').at(-1));
    }
  }
  return total;
}

interface DeadLetter {
  eventId: string;
  type?: string;
  topic?: string;
  lastError?: string;
  deadLetteredAt?: string;
}

/** The dead-letter records of each consuming service since the campaign began: none, or each with its cause. */
export async function deadLetterCheck(stack: ChaosStack, since: number): Promise<Check> {
  const found: string[] = [];
  for (const service of SERVICE_NAMES) {
    const [replica] = stack.replicasOf(service);
    const res = await replica.process.fetch('/admin/dead-letters');
    if (res.status !== 200) return { name: 'dead letters', ok: false, detail: `${service} answered ${res.status}` };
    const letters = (await res.json()) as DeadLetter[];
    for (const letter of letters.filter((l) => !l.deadLetteredAt || Date.parse(l.deadLetteredAt) >= since)) {
      found.push(
        `${service}: ${letter.type ?? letter.topic} ${letter.eventId} (${letter.lastError ?? 'no error recorded'})`,
      );
    }
  }
  return {
    name: 'no message dead-lettered',
    ok: found.length === 0,
    detail: found.length === 0 ? 'none in any consumer group' : found.slice(0, 5).join('; '),
  };
}
