export * from './journey.model';
export * from './journey-rules';
export * from './journey-steps';
export * from './mask-digits';
export * from './journey-failures.detect';
export * from './journey.assemble';
export * from './journey.analytics';
export * from './journey-contact';
