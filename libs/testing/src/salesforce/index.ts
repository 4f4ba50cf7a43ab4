export * from './salesforce-objects';
export * from './salesforce-test-server';
export * from './soql-subset';
export * from './test-keys';
