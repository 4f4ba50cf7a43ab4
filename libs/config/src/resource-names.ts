import type { BuddieConfig } from './buddie.config';

/** Physical names derive from logical ones in one place, for local boot and for CDK alike. */
export function physicalName(config: Pick<BuddieConfig, 'RESOURCE_PREFIX'>, logical: string): string {
  return `${config.RESOURCE_PREFIX}-${logical}`;
}

/** The bucket the summarizer archives transcripts in and the gateway serves redacted ones from. */
export function transcriptsBucketName(config: Pick<BuddieConfig, 'RESOURCE_PREFIX'> & { TRANSCRIPTS_BUCKET?: string }): string {
  return config.TRANSCRIPTS_BUCKET ?? physicalName(config, 'transcripts').toLowerCase();
}

/** Where redacted transcripts sit in that bucket; raw copies (when kept) never share the prefix. */
export const REDACTED_TRANSCRIPTS_PREFIX = 'transcripts/redacted/';

export function redactedTranscriptKey(contactId: string): string {
  return `${REDACTED_TRANSCRIPTS_PREFIX}${contactId}.json`;
}
