export * from './bootstrap';
export * from './service-env';
export * from './service-base.module';
export * from './bigint-as-number';
