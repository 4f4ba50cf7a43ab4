import { InvalidInputError } from '@buddie/domain';
import { EXTERNAL_EVENTS, type BuddieEventDetails, type ContactCompletedDetail } from '@buddie/messaging';
import type { JobKind } from '../transcription/transcribe-jobs';

export type SummarizerMessage =
  | { kind: 'contact-completed'; detail: ContactCompletedDetail }
  | { kind: 'transcript-ready'; detail: BuddieEventDetails['TranscriptReady'] }
  | { kind: 'transcribe-job'; job: JobKind; jobName: string; status: string };

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

/** What arrives on the summarizer queue (routing-table.ts), validated before anything acts on it. */
export function parseSummarizerMessage(body: string): SummarizerMessage {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new InvalidInputError('message body is not valid JSON');
  }
  if (!isRec(json) || !str(json['detail-type']) || !isRec(json.detail)) throw new InvalidInputError('message is not an EventBridge event (detail-type and detail required)');
  const detail = json.detail;
  switch (json['detail-type']) {
    case 'ContactCompleted': {
      if (!str(detail.contactId) || !Array.isArray(detail.recordings)) throw new InvalidInputError('ContactCompleted needs contactId and recordings[]');
      const recordings = detail.recordings.filter((r): r is Rec => isRec(r) && str(r.location));
      return {
        kind: 'contact-completed',
        detail: {
          ...(detail as unknown as ContactCompletedDetail),
          recordings: recordings.map((r) => ({ location: r.location as string, mediaStreamType: str(r.mediaStreamType) ? r.mediaStreamType : null, status: str(r.status) ? r.status : null })),
        },
      };
    }
    case 'TranscriptReady':
      if (!str(detail.contactId) || !str(detail.transcriptLocation)) throw new InvalidInputError('TranscriptReady needs contactId and transcriptLocation');
      return { kind: 'transcript-ready', detail: detail as unknown as BuddieEventDetails['TranscriptReady'] };
    case EXTERNAL_EVENTS.transcribeJobStateChange.detailType:
      if (!str(detail.TranscriptionJobName) || !str(detail.TranscriptionJobStatus)) throw new InvalidInputError('Transcribe Job State Change needs TranscriptionJobName and TranscriptionJobStatus');
      return { kind: 'transcribe-job', job: 'transcription', jobName: detail.TranscriptionJobName, status: detail.TranscriptionJobStatus };
    case EXTERNAL_EVENTS.callAnalyticsJobStateChange.detailType:
      if (!str(detail.JobName) || !str(detail.JobStatus)) throw new InvalidInputError('Call Analytics Job State Change needs JobName and JobStatus');
      return { kind: 'transcribe-job', job: 'call-analytics', jobName: detail.JobName, status: detail.JobStatus };
    default:
      throw new InvalidInputError(`the summarizer does not handle ${json['detail-type']} events`);
  }
}
