export * from './bootstrap';
export * from './service-env';
export * from './service-base.module';
export * from './bigint-as-number';
export * from './local-transactions';
export * from './metrics';
export * from './service-error';
export * from './service-error.filter';
