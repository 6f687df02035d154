import { Logger } from '@nestjs/common';
import type { MessageView, SimpleConsumer } from 'rocketmq-client-nodejs';
import { consumerStats } from './broker-clients';
import type { ConsumerOptions } from './consumer.options';
import type { DeadLettersRepository } from './dead-letters.repository';
import type { EventDispatcher } from './event-dispatcher';
import type { FinalAttemptPolicy } from './final-attempt.policy';
import { messagingMetrics } from './messaging.metrics';

const MAX_BACKOFF_MS = 60000;
/** After recording a dead letter: visible again at once, and the broker's next delivery goes to the DLQ. */
const TO_THE_DLQ_MS = 1000;

/** What the consumer runner tells the broker after a handler ran: ack, back off, or settle the final attempt. */
export class DeliveryOutcomes {
  private readonly logger = new Logger('EventConsumer');

  constructor(
    private readonly options: Pick<ConsumerOptions, 'group' | 'maxRetries'>,
    private readonly dispatcher: EventDispatcher,
    private readonly deadLetters: Pick<DeadLettersRepository, 'record'>,
    private readonly finalAttempt: FinalAttemptPolicy,
  ) {}

  async handled(consumer: SimpleConsumer, message: MessageView) {
    const labels = this.labelsOf(message);
    try {
      await consumer.ack(message);
      messagingMetrics.consumed.inc({ ...labels, outcome: 'handled' });
    } catch (error) {
      // Handled and committed: the redelivery finds the dedup record and changes nothing.
      messagingMetrics.consumed.inc({ ...labels, outcome: 'ack_failed' });
      const eventId = message.keys[0];
      this.logger.warn({ eventId, ...labels, err: error }, 'handled, but the ack failed; it will come again');
    }
  }

  async failed(consumer: SimpleConsumer, message: MessageView, error: unknown) {
    const attempt = message.deliveryAttempt ?? 1;
    if (attempt > this.options.maxRetries) return this.failedFinally(consumer, message, attempt, error);
    const labels = this.labelsOf(message);
    messagingMetrics.consumed.inc({ ...labels, outcome: 'failed' });
    this.logger.warn({ eventId: message.keys[0], ...labels, attempt, err: error }, 'handling failed; will come again');
    await this.setInvisible(consumer, message, Math.min(1000 * 2 ** (attempt - 1), MAX_BACKOFF_MS));
  }

  /** The last delivery the broker makes failed: record it as a dead letter, or keep it through an outage. */
  private async failedFinally(consumer: SimpleConsumer, message: MessageView, attempt: number, error: unknown) {
    const labels = this.labelsOf(message);
    const eventId = message.keys[0] ?? message.messageId;
    const result = await this.finalAttempt.settle(
      {
        context: { eventId, ...labels },
        retry: () => this.dispatcher.dispatch(message),
        // The client keeps the receipt handle the broker returns on `message`, so the later ack uses the new one.
        extend: (ms) => consumer.changeInvisibleDuration(message, ms),
        record: async (failure, attempts) => {
          await this.deadLetters.record({ ...labels, eventId, body: message.body, attempts, error: failure });
          consumerStats.deadLettersRecorded++;
        },
        held: () => messagingMetrics.consumed.inc({ ...labels, outcome: 'held' }),
      },
      error,
      attempt,
    );
    if (result.outcome === 'handled') return this.handled(consumer, message);
    if (result.outcome === 'released') {
      this.logger.warn({ eventId, ...labels }, 'stopping with a held message; the broker moves it to the DLQ');
      return;
    }
    messagingMetrics.consumed.inc({ ...labels, outcome: 'dead_lettered' });
    consumerStats.deadLettered++;
    const { attempts, error: failure } = result;
    this.logger.error(
      { eventId, ...labels, attempts, err: failure },
      'giving up: recorded; the broker moves it to the DLQ',
    );
    await this.setInvisible(consumer, message, TO_THE_DLQ_MS);
  }

  private async setInvisible(consumer: SimpleConsumer, message: MessageView, ms: number) {
    await consumer.changeInvisibleDuration(message, ms).catch((err: unknown) => {
      const eventId = message.keys[0];
      this.logger.warn({ eventId, err }, 'could not set the backoff; redelivered after the invisible duration');
    });
  }

  private labelsOf(message: MessageView) {
    return { group: this.options.group, topic: message.topic, tag: message.tag ?? '' };
  }
}
