export * from './analytics-transcript.parser';
export * from './connect-chat-transcript.parser';
export * from './contact-lens-realtime.parser';
export * from './parse-transcript';
export * from './pca-output.parser';
export * from './transcribe-batch.parser';
