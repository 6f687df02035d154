import { DynamicModule, ModuleMetadata, Module, Type } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { MESSAGING_OPTIONS, MessagingOptions, TRANSACTION_CHECKS } from './messaging.options';
import { TransactionCheck } from './transaction-check';
import { TransactionalPublisher } from './transactional-publisher';

export interface ProducerRegistration {
  topics: string[];
  /** One check per published topic and tag; registered before the producer starts. */
  checks: Array<Type<TransactionCheck>>;
  /** What the checks need (e.g. TypeOrmModule.forFeature). */
  imports?: ModuleMetadata['imports'];
}

/** Gives a service its transactional producer, configured from ROCKETMQ_* variables. */
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
            producerTopics: registration.topics,
            startupTimeoutMs: config.getOrThrow<number>('ROCKETMQ_STARTUP_TIMEOUT_MS'),
            sendTimeoutMs: config.getOrThrow<number>('ROCKETMQ_SEND_TIMEOUT_MS'),
          }),
        },
        TransactionalPublisher,
      ],
      exports: [TransactionalPublisher],
    };
  }
}
