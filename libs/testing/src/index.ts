export * from './test-environment';
export * from './queue-helpers';
export * from './chromium';
export * from './salesforce';
export * from './route-security';
export * from './route-security.suite';
export * from './event-delivery';
