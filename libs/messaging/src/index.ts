export * from './with-timeout';
export * from './client-logger';
export * from './rocketmq.health';
