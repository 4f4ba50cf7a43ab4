export * from './escalation.model';
export * from './escalation.decide';
