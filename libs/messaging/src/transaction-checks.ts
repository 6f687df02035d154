import type { PublishedEvents } from './messaging.options';
import type { TransactionCheck } from './transaction-check';

/**
 * Indexes the checks by `topic/tag`, refusing a service that publishes an event type without exactly one check
 * (without one, a crash between the local commit and the commit would lose the event) or checks one it never
 * publishes.
 */
export function checksByEventType(publishes: PublishedEvents[], checks: TransactionCheck[]) {
  const byType = new Map<string, TransactionCheck>();
  for (const check of checks) {
    for (const tag of check.tags) {
      const type = `${check.topic}/${tag}`;
      if (byType.has(type)) throw new Error(`two transaction checks answer for ${type}: keep one`);
      byType.set(type, check);
    }
  }
  const published = new Set(publishes.flatMap(({ topic, tags }) => tags.map((tag) => `${topic}/${tag}`)));
  for (const type of published) {
    if (!byType.has(type)) {
      throw new Error(`no transaction check for ${type}: register one with MessagingModule.forProducer`);
    }
  }
  for (const type of byType.keys()) {
    if (!published.has(type)) throw new Error(`a transaction check answers for ${type}, which is not published`);
  }
  return byType;
}
