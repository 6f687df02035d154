import { DynamicModule, ModuleMetadata, Module, Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CheckAnswerLog } from './check-answers.log';
import { CONSUMER_OPTIONS, ConsumerOptions, EVENT_SUBSCRIPTIONS, EventSubscription } from './consumer.options';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLettersRepository } from './dead-letters.repository';
import { DeadLettersService } from './dead-letters.service';
import { EventConsumer } from './event-consumer';
import { EventDispatcher } from './event-dispatcher';
import { MESSAGING_OPTIONS, MessagingOptions, PublishedEvents, TRANSACTION_CHECKS } from './messaging.options';
import { TransactionCheck } from './transaction-check';
import { TransactionalPublisher } from './transactional-publisher';

export interface ProducerRegistration {
  /** Every event type the service publishes (e.g. eventsOn(Topics.orderEvents) from the contracts). */
  publishes: PublishedEvents[];
  /** One check per published topic and tag; registered before the producer starts. */
  checks: Array<Type<TransactionCheck>>;
  /** What the checks need (e.g. TypeOrmModule.forFeature). */
  imports?: ModuleMetadata['imports'];
}

export interface ConsumerRegistration {
  group: string;
  subscriptions: Array<Type<EventSubscription>>;
  /** Checks each received event against its contract (eventProblems from the contracts). */
  validate: ConsumerOptions['validate'];
  /** What the subscriptions need (the services they call). */
  imports?: ModuleMetadata['imports'];
}

/** Gives a service its transactional producer and its consumer group, configured from ROCKETMQ_* variables. */
@Module({})
export class MessagingModule {
  static forProducer(registration: ProducerRegistration): DynamicModule {
    return {
      module: MessagingModule,
      imports: registration.imports ?? [],
      providers: [
        ...registration.checks,
        {
          provide: TRANSACTION_CHECKS,
          useFactory: (...checks: TransactionCheck[]) => checks,
          inject: registration.checks,
        },
        {
          provide: MESSAGING_OPTIONS,
          inject: [ConfigService],
          useFactory: (config: ConfigService): MessagingOptions => ({
            endpoints: config.getOrThrow<string>('ROCKETMQ_ENDPOINTS'),
            publishes: registration.publishes,
            startupTimeoutMs: config.getOrThrow<number>('ROCKETMQ_STARTUP_TIMEOUT_MS'),
            sendTimeoutMs: config.getOrThrow<number>('ROCKETMQ_SEND_TIMEOUT_MS'),
            checkDeadlineMs: config.getOrThrow<number>('CHECK_DEADLINE_MS'),
          }),
        },
        CheckAnswerLog,
        TransactionalPublisher,
      ],
      exports: [TransactionalPublisher],
    };
  }

  /**
   * Registered in its own module: a service's consumers depend on its use cases, not the reverse. Also serves
   * /admin/dead-letters (list and replay what the group gave up on; needs the CreateDeadLetters migration).
   */
  static forConsumer(registration: ConsumerRegistration): DynamicModule {
    return {
      module: MessagingModule,
      imports: registration.imports ?? [],
      providers: [
        ...registration.subscriptions,
        {
          provide: EVENT_SUBSCRIPTIONS,
          useFactory: (...subscriptions: EventSubscription[]) => subscriptions,
          inject: registration.subscriptions,
        },
        {
          provide: CONSUMER_OPTIONS,
          inject: [ConfigService],
          useFactory: (config: ConfigService): ConsumerOptions => ({
            endpoints: config.getOrThrow<string>('ROCKETMQ_ENDPOINTS'),
            group: registration.group,
            concurrency: config.getOrThrow<number>('DB_POOL_SIZE'),
            maxRetries: config.getOrThrow<number>('CONSUMER_MAX_RETRIES'),
            startupTimeoutMs: config.getOrThrow<number>('ROCKETMQ_STARTUP_TIMEOUT_MS'),
            faultInjection: config.getOrThrow<boolean>('FAULT_INJECTION'),
            validate: registration.validate,
          }),
        },
        EventDispatcher,
        DeadLettersRepository,
        DeadLettersService,
        EventConsumer,
      ],
      controllers: [DeadLettersController],
    };
  }
}
