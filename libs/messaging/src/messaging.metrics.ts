import { Counter, register } from 'prom-client';

function counter<T extends string>(name: string, help: string, labelNames: T[]): Counter<T> {
  return (register.getSingleMetric(name) as Counter<T> | undefined) ?? new Counter({ name, help, labelNames });
}

export const messagingMetrics = {
  transactions: counter('rocketmq_transactions_total', 'Transactional messages by outcome', [
    'topic',
    'tag',
    'outcome',
  ]),
  fences: counter('rocketmq_fences_total', 'Event ids fenced: their half message rolled back after the deadline', []),
  checks: counter('rocketmq_transaction_checks_total', 'Check-backs answered, by answer', ['topic', 'tag', 'answer']),
  settledFailures: counter(
    'rocketmq_failed_local_transactions_total',
    'Failed local transactions, by how they were settled (COMMIT: committed after all; UNKNOWN: left to check-backs)',
    ['answer'],
  ),
  consumed: counter(
    'rocketmq_consumed_total',
    'Deliveries handled, failed, given up on (dead_lettered), or kept at the final attempt through an outage (held)',
    ['group', 'topic', 'tag', 'outcome'],
  ),
  deadLettersReplayed: counter(
    'rocketmq_dead_letters_replayed_total',
    'Dead letters replayed by hand (handled, already_handled, failed, unavailable)',
    ['group', 'topic', 'tag', 'outcome'],
  ),
};
