export * from './salesforce-mapping.model';
export * from './salesforce-mapping.check';
export * from './salesforce-record.mapper';
export * from './soql';
export * from './salesforce-sync.plan';
export * from './salesforce-limits.decide';
