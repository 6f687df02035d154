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
  checks: counter('rocketmq_transaction_checks_total', 'Check-backs answered, by answer', ['topic', 'tag', 'answer']),
  settledFailures: counter(
    'rocketmq_failed_local_transactions_total',
    'Failed local transactions, by how they were settled (COMMIT: committed after all; UNKNOWN: left to check-backs)',
    ['answer'],
  ),
  consumed: counter('rocketmq_consumed_total', 'Deliveries handled, failed, or given up on (dead_lettered)', [
    'group',
    'topic',
    'tag',
    'outcome',
  ]),
};
