export * from './pii-redactor';
export * from './redact-transcript';
export * from './contact-minimization';
