import { MessageView, Producer } from 'rocketmq-client-nodejs';
import { Topics } from '@app/contracts';
import { MessageCollector, neverDecides, silentLogger, startProducer } from '../support/rocketmq';
import { SeededRandom } from './seeded-random';

const KEPT_PER_TOPIC = 500;

/**
 * Watches every topic with consumer groups of its own and, when asked, publishes random recent events again with
 * their own ids: a duplicate delivery as a producer retry or a replayed backup would cause one.
 */
export class EventDuplicator {
  private constructor(
    private readonly collectors: MessageCollector[],
    private readonly producers: Map<string, Producer>,
  ) {}

  static async start(): Promise<EventDuplicator> {
    const topics = Object.values(Topics);
    const collectors = await Promise.all(
      topics.map((topic) => MessageCollector.start(topic, '*', `chaos-duplicator-${topic}`, silentLogger)),
    );
    const producers = new Map<string, Producer>();
    for (const topic of topics) producers.set(topic, await startProducer([topic], neverDecides, silentLogger));
    return new EventDuplicator(collectors, producers);
  }

  /** Publishes up to `count` recent events again; returns how many the broker took. */
  async duplicate(random: SeededRandom, count: number): Promise<number> {
    const recent = this.collectors.flatMap((collector) => collector.messages.slice(-KEPT_PER_TOPIC));
    let sent = 0;
    for (const message of random.sample(recent, count)) {
      if (await this.publishAgain(message)) sent++;
    }
    for (const collector of this.collectors) collector.messages.splice(0, collector.messages.length - KEPT_PER_TOPIC);
    return sent;
  }

  async stop(): Promise<void> {
    await Promise.all(this.collectors.map((collector) => collector.stop()));
    await Promise.all([...this.producers.values()].map((producer) => producer.shutdown()));
  }

  private async publishAgain(message: MessageView): Promise<boolean> {
    const producer = this.producers.get(message.topic);
    if (!producer) return false;
    try {
      const transaction = producer.beginTransaction();
      await producer.send(
        { topic: message.topic, tag: message.tag, keys: message.keys, body: message.body },
        transaction,
      );
      await transaction.commit();
      return true;
    } catch {
      return false; // the broker is down or cut: this duplicate is simply not sent
    }
  }
}
