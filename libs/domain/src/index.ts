export * from './clock';
export * from './errors';
export * from './pii';
export * from './summary';
export * from './agent';
export * from './concurrency';
export * from './journey';
export * from './escalation';
