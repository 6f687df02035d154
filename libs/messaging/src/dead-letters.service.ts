import { Inject, Injectable, Logger } from '@nestjs/common';
import { CONSUMER_OPTIONS, ConsumerOptions } from './consumer.options';
import { DeadLetterNotFoundError, ReplayFailedError } from './dead-letter.errors';
import { DeadLetter, DeadLettersRepository, ReplayOutcome } from './dead-letters.repository';
import { EventDispatcher } from './event-dispatcher';
import { messagingMetrics } from './messaging.metrics';
import { isRetryableFailure } from './retryable-failure';

export interface ReplayResult {
  outcome: 'handled';
  /** The handler's dedup record existed before the replay: it changed nothing. */
  alreadyHandled: boolean;
}

/** Lists the consumer group's dead letters and replays one through the path a delivery takes. */
@Injectable()
export class DeadLettersService {
  private readonly logger = new Logger(DeadLettersService.name);

  constructor(
    private readonly deadLetters: DeadLettersRepository,
    private readonly dispatcher: EventDispatcher,
    @Inject(CONSUMER_OPTIONS) private readonly options: Pick<ConsumerOptions, 'group'>,
  ) {}

  list(): Promise<DeadLetter[]> {
    return this.deadLetters.list();
  }

  async deadLetter(id: string) {
    const found = /^\d{1,9}$/.test(id) ? await this.deadLetters.find(Number(id)) : undefined;
    if (!found) throw new DeadLetterNotFoundError(id);
    return found;
  }

  /**
   * Runs the stored message through contract validation and its handler, in this process. The handler's dedup
   * record makes a second replay (or one of an event that was handled after all) change nothing. A retryable
   * failure is rethrown as it is (503 with Retry-After); any other is recorded and answered 422.
   */
  async replay(id: string): Promise<ReplayResult> {
    const letter = await this.deadLetter(id);
    const alreadyHandled = await this.deadLetters.wasConsumed(this.options.group, letter.eventId);
    const message = { topic: letter.topic, tag: letter.type, keys: [letter.eventId], body: letter.body };
    try {
      await this.dispatcher.dispatch({ ...message, deliveryAttempt: letter.attempts + 1 });
    } catch (error) {
      const retryable = isRetryableFailure(error);
      await this.recordReplay(letter, retryable ? 'unavailable' : 'failed', retryable ? undefined : error);
      throw retryable ? error : new ReplayFailedError(letter.id, error);
    }
    await this.recordReplay(letter, alreadyHandled ? 'already_handled' : 'handled');
    return { outcome: 'handled', alreadyHandled };
  }

  /** Counted whatever happens; the row is best effort (the replay itself is done, or the database is away). */
  private async recordReplay(letter: DeadLetter, outcome: ReplayOutcome, error?: unknown): Promise<void> {
    messagingMetrics.deadLettersReplayed.inc({ group: letter.group, topic: letter.topic, tag: letter.type, outcome });
    this.logger.log({ id: letter.id, eventId: letter.eventId, outcome }, 'dead letter replayed');
    await this.deadLetters.recordReplay(letter.id, outcome, error).catch((err: unknown) => {
      this.logger.warn({ id: letter.id, outcome, err }, 'could not record the replay');
    });
  }
}
