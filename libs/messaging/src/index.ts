export * from './event-catalog';
export * from './routing-table';
export * from './event-publisher';
export * from './local-event-router';
export * from './queue-definitions';
export * from './dead-letter';
export * from './queue-batch-runner';
export * from './stream-definitions';
