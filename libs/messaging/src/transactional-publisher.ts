import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { Producer } from 'rocketmq-client-nodejs';
import { BrokerUnavailableError } from './broker-unavailable.error';
import { CheckAnswerLog } from './check-answers.log';
import { brokerClients } from './broker-clients';
import { CheckBacks } from './check-backs';
import { rocketMqClientLogger } from './client-logger';
import { LocalTransactions, surelyRolledBack, TransactionLimits } from './local-transactions';
import { messagingMetrics } from './messaging.metrics';
import { MESSAGING_OPTIONS, MessagingOptions, TRANSACTION_CHECKS } from './messaging.options';
import { OutcomeUnknownError } from './outcome-unknown.error';
import { CheckAnswer, OutgoingMessage, PublishHooks, TransactionCheck } from './transaction-check';
import { checksByEventType } from './transaction-checks';
import { withTimeout } from './with-timeout';

const RECONNECT_DELAY_MS = 2000;

/**
 * Publishes a message together with a local database transaction: half message, local transaction, then
 * commit. A failed local transaction is settled the way a check-back past its deadline would: its record found
 * -> commit (the COMMIT applied, only its reply was lost); fenced -> rollback; undecidable -> left to the
 * broker's check-backs. If the process dies in between, the broker asks back and the check answers.
 */
@Injectable()
export class TransactionalPublisher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TransactionalPublisher.name);
  private readonly checks: Map<string, TransactionCheck>;
  private readonly checkBacks: CheckBacks;
  private producer?: Producer;
  private stopping = false;
  private connecting?: Promise<void>;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(TRANSACTION_CHECKS) checks: TransactionCheck[],
    @Optional() private readonly answers?: CheckAnswerLog,
    @Optional() private readonly transactions?: LocalTransactions,
  ) {
    this.checks = checksByEventType(options.publishes, checks);
    this.checkBacks = new CheckBacks(this.checks, answers);
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

  /**
   * Takes a database connection, sends `message` as a half message, runs `local` on that connection (passing
   * `limits` on to LocalTransactions.run: commit by the check deadline), and commits the message if the local
   * transaction committed. Resolves once the local transaction committed; rejects with its error if it surely did
   * not, or with OutcomeUnknownError if the database cannot tell yet.
   */
  async publishInTransaction(
    message: OutgoingMessage,
    local: (limits: TransactionLimits) => Promise<void>,
    hooks: PublishHooks = {},
  ): Promise<void> {
    const check = this.checks.get(`${message.topic}/${message.tag}`);
    if (!check) throw new Error(`no transaction check for ${message.topic}/${message.tag}; refusing to publish it`);
    const { producer, transaction } = this.begin();
    // The connection first: the half message's clock (the broker's transaction timeout) starts once it is ours.
    const connection = await this.transactions?.hold();
    try {
      const sentAt = Date.now();
      await withTimeout(
        producer.send(toClientMessage(message), transaction),
        this.options.sendTimeoutMs,
        'half message',
      ).catch((error: Error) => {
        throw new BrokerUnavailableError(error.message);
      });
      hooks.afterHalfMessage?.();
      const limits = { commitBy: sentAt + this.options.checkDeadlineMs, connection };
      await this.decide(check, message, transaction, () => local(limits), hooks);
    } finally {
      connection?.release(); // unless the local transaction took it
    }
  }

  private async decide(
    check: TransactionCheck,
    message: OutgoingMessage,
    transaction: { commit(): Promise<void>; rollback(): Promise<void> },
    local: () => Promise<void>,
    hooks: PublishHooks,
  ): Promise<void> {
    const { answer, failure } = await this.runLocal(check, message, local);
    if (answer === 'UNKNOWN') throw new OutcomeUnknownError(message.key, failure);
    if (answer === 'ROLLBACK') {
      await this.end(message, 'rolled_back', () => transaction.rollback());
      throw failure;
    }
    hooks.afterLocalCommit?.();
    // The local commit decided: if this commit is lost, the check-back finds the row and commits.
    await this.end(message, 'committed', () => transaction.commit());
  }

  /**
   * Runs the local transaction. If it failed after sending its COMMIT (or in a way LocalTransactions cannot vouch
   * for), settles whether it committed after all: a lost COMMIT reply.
   */
  private async runLocal(check: TransactionCheck, message: OutgoingMessage, local: () => Promise<void>) {
    const eventId = message.key;
    try {
      await local();
      return { answer: 'COMMIT' as CheckAnswer, failure: undefined };
    } catch (failure) {
      if (surelyRolledBack(failure)) return { answer: 'ROLLBACK' as CheckAnswer, failure };
      const answer: CheckAnswer = await check.settle(eventId).catch((error: unknown) => {
        this.logger.warn({ eventId, err: error }, 'a failed local transaction cannot be settled yet; check-backs will');
        return 'UNKNOWN' as const;
      });
      if (answer === 'COMMIT') {
        this.logger.warn({ eventId, err: failure }, 'the local transaction failed to answer but committed');
      }
      messagingMetrics.settledFailures.inc({ answer });
      this.answers?.record({ topic: message.topic, tag: message.tag, eventId, body: message.body }, answer, 'SETTLE');
      return { answer, failure };
    }
  }

  private begin() {
    const producer = this.producer;
    if (!producer || this.stopping) throw new BrokerUnavailableError('the producer is not connected');
    try {
      return { producer, transaction: producer.beginTransaction() };
    } catch (error) {
      throw new BrokerUnavailableError((error as Error).message);
    }
  }

  private async end(message: OutgoingMessage, outcome: 'committed' | 'rolled_back', end: () => Promise<void>) {
    try {
      await withTimeout(end(), this.options.sendTimeoutMs, `${outcome} of the half message`);
      messagingMetrics.transactions.inc({ topic: message.topic, tag: message.tag, outcome });
    } catch (error) {
      messagingMetrics.transactions.inc({ topic: message.topic, tag: message.tag, outcome: `${outcome}_lost` });
      this.logger.warn({ eventId: message.key, err: error }, `${outcome} not confirmed; the check-back will decide`);
    }
  }

  private async connectUntilStarted(): Promise<void> {
    while (!this.stopping) {
      const producer = new Producer({
        endpoints: this.options.endpoints,
        namespace: '',
        topics: [...new Set(this.options.publishes.map(({ topic }) => topic))],
        checker: { check: (message) => this.checkBacks.answer(message) },
        requestTimeout: this.options.sendTimeoutMs,
        logger: rocketMqClientLogger('RocketMqProducer'),
      });
      try {
        await withTimeout(producer.startup(), this.options.startupTimeoutMs, 'RocketMQ producer startup');
        this.producer = producer;
        this.logger.log({ publishes: this.options.publishes }, 'transactional producer connected');
        return;
      } catch (error) {
        this.logger.warn({ err: error }, `producer cannot connect; retrying in ${RECONNECT_DELAY_MS} ms`);
        await producer.shutdown().catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_DELAY_MS));
      }
    }
  }
}

function toClientMessage(message: OutgoingMessage) {
  return {
    topic: message.topic,
    tag: message.tag,
    keys: [message.key],
    body: Buffer.from(JSON.stringify(message.body)),
    properties: message.properties && new Map(Object.entries(message.properties)),
  };
}
