import type { CallSummary } from '@buddie/domain';

/** The call-summaries table (owned by the summarizer): one item per contact. */
/**
 * Where the summarizer is with one contact. `summarized` is final; the others say why there is no
 * summary (yet), so a contact never waits silently and is never retried forever.
 */
export type SummaryStatus = 'transcribing' | 'summarized' | 'no-recording' | 'transcript-not-found' | 'transcript-invalid' | 'transcription-failed';

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  /** Provider calls made for this summary (chunks, merge and repair retries included). */
  calls: number;
}

export interface SummaryRecord {
  contactId: string;
  status: SummaryStatus;
  updatedAt: string;
  reason?: string;
  summary?: CallSummary;
  usage?: TokenUsage;
  /** s3://bucket/key of the redacted transcript the summary was written from. */
  transcriptLocation?: string;
  transcriptFormat?: string;
  /** Transcription jobs started for this contact (bounded by TRANSCRIBE_MAX_ATTEMPTS). */
  transcriptionAttempts?: number;
  transcriptionJobName?: string;
  /** s3:// URI of the audio being transcribed, so a failed job can be started again. */
  mediaLocation?: string;
  correlationId?: string;
}
