import { MessageView } from 'rocketmq-client-nodejs';
import { Topics } from '@app/contracts';
import { MessageCollector, silentLogger } from '../support/rocketmq';
import { EventInjector } from '../support/shop';
import { SeededRandom } from './seeded-random';

const KEPT_PER_TOPIC = 500;

/**
 * Watches every topic with consumer groups of its own and, when asked, publishes random recent events again with
 * their own ids: a duplicate delivery as a producer retry or a replayed backup would cause one.
 */
export class EventDuplicator {
  private constructor(
    private readonly collectors: MessageCollector[],
    private readonly injector: EventInjector,
  ) {}

  static async start(): Promise<EventDuplicator> {
    const collectors = await Promise.all(
      Object.values(Topics).map((topic) =>
        MessageCollector.start(topic, '*', `chaos-duplicator-${topic}`, silentLogger),
      ),
    );
    return new EventDuplicator(collectors, await EventInjector.start(silentLogger));
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
    await this.injector.stop();
  }

  private async publishAgain(message: MessageView): Promise<boolean> {
    try {
      await this.injector.publish(message.topic, message.tag ?? '', message.keys[0], message.body.toString('utf8'));
      return true;
    } catch {
      return false; // the broker is down or cut: this duplicate is simply not sent
    }
  }
}
