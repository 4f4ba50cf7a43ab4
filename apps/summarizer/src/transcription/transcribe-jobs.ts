import {
  GetCallAnalyticsJobCommand,
  GetTranscriptionJobCommand,
  StartCallAnalyticsJobCommand,
  StartTranscriptionJobCommand,
  type TranscribeClient,
} from '@aws-sdk/client-transcribe';
import { s3Uri, type S3Location } from '../transcripts/s3-location';

export type JobKind = 'transcription' | 'call-analytics';

export interface JobOutcome {
  status: 'COMPLETED' | 'FAILED' | 'IN_PROGRESS' | 'QUEUED' | string;
  /** Where the (redacted when available) transcript JSON is. */
  transcriptUri?: string;
  failureReason?: string;
}

const PREFIX = 'buddie-';

/** Job names carry the contact id and attempt, so the job state-change event leads back to the contact. */
export function jobName(contactId: string, attempt: number): string {
  return `${PREFIX}${contactId}-a${attempt}`;
}

export function parseJobName(name: string): { contactId: string; attempt: number } | undefined {
  const m = /^buddie-(.+)-a(\d+)$/.exec(name);
  return m ? { contactId: m[1], attempt: Number(m[2]) } : undefined;
}

/**
 * Amazon Transcribe for recordings without a transcript (AWS mode): Call Analytics (or a plain
 * transcription job) with channel identification and PII redaction. The job's EventBridge
 * state-change event brings the work back to the summarizer queue.
 */
export class TranscribeJobs {
  constructor(
    private readonly client: TranscribeClient,
    private readonly options: { kind: JobKind; outputBucket: string; dataAccessRoleArn?: string; languageCode?: string },
  ) {}

  get kind(): JobKind {
    return this.options.kind;
  }

  async start(name: string, media: S3Location): Promise<void> {
    const MediaFileUri = s3Uri(media);
    if (this.options.kind === 'call-analytics') {
      await this.client.send(
        new StartCallAnalyticsJobCommand({
          CallAnalyticsJobName: name,
          Media: { MediaFileUri },
          OutputLocation: `s3://${this.options.outputBucket}/transcribe/${name}.json`,
          DataAccessRoleArn: this.options.dataAccessRoleArn,
          // Connect records the agent and the customer on separate channels.
          ChannelDefinitions: [
            { ChannelId: 0, ParticipantRole: 'AGENT' },
            { ChannelId: 1, ParticipantRole: 'CUSTOMER' },
          ],
          Settings: { ContentRedaction: { RedactionType: 'PII', RedactionOutput: 'redacted' } },
        }),
      );
      return;
    }
    await this.client.send(
      new StartTranscriptionJobCommand({
        TranscriptionJobName: name,
        Media: { MediaFileUri },
        LanguageCode: (this.options.languageCode ?? 'en-US') as 'en-US',
        OutputBucketName: this.options.outputBucket,
        OutputKey: `transcribe/${name}.json`,
        Settings: { ChannelIdentification: true },
        ContentRedaction: { RedactionType: 'PII', RedactionOutput: 'redacted' },
      }),
    );
  }

  async outcome(kind: JobKind, name: string): Promise<JobOutcome> {
    if (kind === 'call-analytics') {
      const job = (await this.client.send(new GetCallAnalyticsJobCommand({ CallAnalyticsJobName: name }))).CallAnalyticsJob;
      return {
        status: job?.CallAnalyticsJobStatus ?? 'UNKNOWN',
        transcriptUri: job?.Transcript?.RedactedTranscriptFileUri ?? job?.Transcript?.TranscriptFileUri,
        failureReason: job?.FailureReason,
      };
    }
    const job = (await this.client.send(new GetTranscriptionJobCommand({ TranscriptionJobName: name }))).TranscriptionJob;
    return {
      status: job?.TranscriptionJobStatus ?? 'UNKNOWN',
      transcriptUri: job?.Transcript?.RedactedTranscriptFileUri ?? job?.Transcript?.TranscriptFileUri,
      failureReason: job?.FailureReason,
    };
  }
}
