import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { MessageView, Producer } from 'rocketmq-client-nodejs';
import { TransactionResolution } from 'rocketmq-client-nodejs/proto/apache/rocketmq/v2/definition_pb';
import { BrokerUnavailableError } from './broker-unavailable.error';
import { brokerClients } from './broker-clients';
import { rocketMqClientLogger } from './client-logger';
import { messagingMetrics } from './messaging.metrics';
import { MESSAGING_OPTIONS, MessagingOptions, TRANSACTION_CHECKS } from './messaging.options';
import { CheckAnswer, OutgoingMessage, PublishHooks, TransactionCheck } from './transaction-check';
import { withTimeout } from './with-timeout';

const RESOLUTIONS: Record<CheckAnswer, TransactionResolution> = {
  COMMIT: TransactionResolution.COMMIT,
  ROLLBACK: TransactionResolution.ROLLBACK,
  UNKNOWN: TransactionResolution.TRANSACTION_RESOLUTION_UNSPECIFIED,
};
const RECONNECT_DELAY_MS = 2000;

/**
 * Publishes a message together with a local database transaction: half message, local transaction, then
 * commit (or rollback if the local transaction failed). If the process dies in between, the broker asks
 * back and the TransactionCheck registered for the topic and tag answers from the database.
 */
@Injectable()
export class TransactionalPublisher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TransactionalPublisher.name);
  private readonly checks = new Map<string, TransactionCheck>();
  private producer?: Producer;
  private stopping = false;
  private connecting?: Promise<void>;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(TRANSACTION_CHECKS) checks: TransactionCheck[],
  ) {
    for (const check of checks) for (const tag of check.tags) this.checks.set(`${check.topic}/${tag}`, check);
    brokerClients.set('producer', () => this.producer !== undefined);
  }

  /** Connects in the background, so the service starts (and reports itself unready) while the broker is down. */
  onApplicationBootstrap(): void {
    this.connecting = this.connectUntilStarted();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    await this.connecting;
    await this.producer?.shutdown();
    this.producer = undefined;
  }

  async publishInTransaction<T>(
    message: OutgoingMessage,
    local: () => Promise<T>,
    hooks: PublishHooks = {},
  ): Promise<T> {
    const producer = this.producer;
    if (!producer) throw new BrokerUnavailableError('not connected yet');
    const transaction = producer.beginTransaction();
    const outgoing = {
      topic: message.topic,
      tag: message.tag,
      keys: [message.key],
      body: Buffer.from(JSON.stringify(message.body)),
      properties: message.properties && new Map(Object.entries(message.properties)),
    };
    await withTimeout(
      producer.send(outgoing, transaction),
      this.options.sendTimeoutMs,
      'sending the half message',
    ).catch((error: Error) => {
      throw new BrokerUnavailableError(error.message);
    });
    hooks.afterHalfMessage?.();
    let result: T;
    try {
      result = await local();
    } catch (error) {
      await this.settle(message, 'rolled_back', () => transaction.rollback());
      throw error;
    }
    hooks.afterLocalCommit?.();
    // The local commit decided: if this commit is lost, the check-back finds the row and commits.
    await this.settle(message, 'committed', () => transaction.commit());
    return result;
  }

  private async settle(message: OutgoingMessage, outcome: 'committed' | 'rolled_back', end: () => Promise<void>) {
    try {
      await withTimeout(end(), this.options.sendTimeoutMs, `${outcome} of the half message`);
      messagingMetrics.transactions.inc({ topic: message.topic, tag: message.tag, outcome });
    } catch (error) {
      messagingMetrics.transactions.inc({ topic: message.topic, tag: message.tag, outcome: `${outcome}_lost` });
      this.logger.warn({ eventId: message.key, err: error }, `${outcome} not confirmed; the check-back will decide`);
    }
  }

  /** Called by the broker (through the client) for a half message left unresolved. Never throws. */
  private async answerCheck(message: MessageView): Promise<TransactionResolution> {
    const eventId = message.keys[0];
    const check = this.checks.get(`${message.topic}/${message.tag ?? ''}`);
    let answer: CheckAnswer = 'UNKNOWN';
    if (!check) {
      this.logger.error({ eventId, topic: message.topic, tag: message.tag }, 'no transaction check for this message');
    } else {
      try {
        answer = await check.check(message);
      } catch (error) {
        this.logger.warn({ eventId, err: error }, 'transaction check failed; answering UNKNOWN');
      }
    }
    messagingMetrics.checks.inc({ topic: message.topic, tag: message.tag ?? '', answer });
    this.logger.log({ eventId, topic: message.topic, tag: message.tag, answer }, 'answered a transaction check');
    return RESOLUTIONS[answer];
  }

  private async connectUntilStarted(): Promise<void> {
    while (!this.stopping) {
      const producer = new Producer({
        endpoints: this.options.endpoints,
        namespace: '',
        topics: this.options.producerTopics,
        checker: { check: (message) => this.answerCheck(message) },
        requestTimeout: this.options.sendTimeoutMs,
        logger: rocketMqClientLogger('RocketMqProducer'),
      });
      try {
        await withTimeout(producer.startup(), this.options.startupTimeoutMs, 'RocketMQ producer startup');
        this.producer = producer;
        this.logger.log({ topics: this.options.producerTopics }, 'transactional producer connected');
        return;
      } catch (error) {
        this.logger.warn({ err: error }, `producer cannot connect; retrying in ${RECONNECT_DELAY_MS} ms`);
        await producer.shutdown().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAY_MS));
      }
    }
  }
}
