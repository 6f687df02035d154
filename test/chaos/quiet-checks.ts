import { ChaosStack, SERVICE_NAMES } from './chaos-stack';
import { Check } from './verdict';

/** Longer than the broker's first check-back delay (3 s) plus two check intervals (2 s each). */
const CHECK_BACK_WINDOW_MS = 8000;
const POLL_MS = 250;

/**
 * No half message is left unresolved at the broker: it asks a producer about every half message older than its
 * transaction timeout, every check interval, so a window without any check-back means none is waiting. A half
 * message whose local transaction never committed is answered UNKNOWN until CHECK_DEADLINE_MS, then fenced and
 * rolled back: waiting for that window can take that long.
 */
export async function quietBroker(stack: ChaosStack, deadlineMs: number): Promise<Check & { quietAt?: number }> {
  const first = await checkBacks(stack);
  const deadline = Date.now() + deadlineMs;
  let last = first;
  let since = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    const now = await checkBacks(stack);
    if (total(now) !== total(last)) [last, since] = [now, Date.now()];
    if (Date.now() - since >= CHECK_BACK_WINDOW_MS) {
      return {
        name: 'no half message left unresolved at the broker',
        ok: true,
        detail: `no check-back for ${CHECK_BACK_WINDOW_MS / 1000} s; ${describe(first, last)} while settling`,
        quietAt: since,
      };
    }
  }
  return {
    name: 'no half message left unresolved at the broker',
    ok: false,
    detail: `check-backs still asked after ${deadlineMs / 1000} s: ${describe(first, last)}`,
  };
}

type Answers = Map<string, number>;
const total = (answers: Answers) => [...answers.values()].reduce((sum, n) => sum + n, 0);
const describe = (from: Answers, to: Answers) =>
  `${total(to) - total(from)} check-backs answered (${[...to].map(([a, n]) => `${a} ${n - (from.get(a) ?? 0)}`).join(', ') || 'none'})`;

/** Check-backs answered so far by all replicas, by answer (COMMIT, ROLLBACK, UNKNOWN). */
async function checkBacks(stack: ChaosStack): Promise<Answers> {
  const answers: Answers = new Map();
  for (const replica of stack.replicas) {
    const res = await replica.process.fetch('/metrics').catch(() => undefined); // a replica may be restarting
    const text = res ? await res.text() : '';
    for (const line of text.split('\n')) {
      if (!line.startsWith('rocketmq_transaction_checks_total{')) continue;
      const answer = /answer="(\w+)"/.exec(line)?.[1] ?? '?';
      answers.set(answer, (answers.get(answer) ?? 0) + Number(line.split(' ').at(-1)));
    }
  }
  return answers;
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
    const res = await replica.process.fetch('/admin/dead-letters').catch((error: Error) => error);
    if (res instanceof Error)
      return { name: 'no message dead-lettered', ok: false, detail: `${service}: ${res.message}` };
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
