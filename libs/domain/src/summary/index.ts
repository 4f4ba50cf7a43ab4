export * from './call-summary.model';
export * from './chunk-transcript';
export * from './offline-summarizer';
export * from './rouge';
export * from './summary-prose';
export * from './transcript.model';
