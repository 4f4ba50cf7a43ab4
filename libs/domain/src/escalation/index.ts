export * from './escalation.model';
export * from './escalation.decide';
export * from './escalation.notify';
