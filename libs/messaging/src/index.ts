export * from './with-timeout';
export * from './client-logger';
export * from './rocketmq.health';
export * from './broker-unavailable.error';
export * from './broker-clients';
export * from './transaction-check';
export * from './transactional-publisher';
export * from './messaging.module';
