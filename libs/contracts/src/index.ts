export * from './topics';
export * from './events';
export * from './payloads';
export * from './event-problems';
export * from './timeline';
