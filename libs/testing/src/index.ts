export * from './test-environment';
export * from './queue-helpers';
