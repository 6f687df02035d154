import { Logger } from '@nestjs/common';
import type { MessageView } from 'rocketmq-client-nodejs';
import { TransactionResolution } from 'rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition_pb';
import type { CheckAnswerLog } from './check-answers.log';
import { messagingMetrics } from './messaging.metrics';
import type { CheckAnswer, TransactionCheck } from './transaction-check';

const RESOLUTIONS: Record<CheckAnswer, TransactionResolution> = {
  COMMIT: TransactionResolution.COMMIT,
  ROLLBACK: TransactionResolution.ROLLBACK,
  UNKNOWN: TransactionResolution.TRANSACTION_RESOLUTION_UNSPECIFIED,
};

/** Where the broker's check-backs are answered: each by the TransactionCheck of its topic and tag. */
export class CheckBacks {
  private readonly logger = new Logger(CheckBacks.name);
  /** Event ids whose check-back is being answered: a slow database must not pile up checks of one message. */
  private readonly checking = new Set<string>();

  constructor(
    private readonly checks: ReadonlyMap<string, TransactionCheck>,
    private readonly answers?: CheckAnswerLog,
  ) {}

  /**
   * Called by the broker (through the client) for a half message left unresolved. Never throws. While one check of
   * a message is still running (a slow database), later ones answer UNKNOWN: answering COMMIT twice would make the
   * broker publish the message twice.
   */
  async answer(message: MessageView): Promise<TransactionResolution> {
    const eventId = message.keys[0];
    const check = this.checks.get(`${message.topic}/${message.tag ?? ''}`);
    let answer: CheckAnswer = 'UNKNOWN';
    if (!check) {
      this.logger.error({ eventId, topic: message.topic, tag: message.tag }, 'no transaction check for this message');
    } else if (this.checking.has(eventId)) {
      this.logger.debug({ eventId }, 'a check of this message is still running; answering UNKNOWN');
    } else {
      this.checking.add(eventId);
      try {
        answer = await check.check(message);
      } catch (error) {
        this.logger.warn({ eventId, err: error }, 'transaction check failed; answering UNKNOWN');
      } finally {
        this.checking.delete(eventId);
      }
    }
    messagingMetrics.checks.inc({ topic: message.topic, tag: message.tag ?? '', answer });
    this.answers?.record({ topic: message.topic, tag: message.tag, eventId, body: message.body }, answer, 'CHECK_BACK');
    this.logger.log({ eventId, topic: message.topic, tag: message.tag, answer }, 'answered a transaction check');
    return RESOLUTIONS[answer];
  }
}
