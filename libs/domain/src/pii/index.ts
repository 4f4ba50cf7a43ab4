export * from './pii-redactor';
export * from './redact-transcript';
