import type { EventDetail } from '@buddie/messaging';
import type { JobKind } from '../transcription/transcribe-jobs';

/** What the summarizer's event handlers (summarizer.events.ts) hand to the pipeline, each already validated. */
export type SummarizerMessage =
  | { kind: 'contact-completed'; detail: EventDetail<'ContactCompleted'> }
  | { kind: 'transcript-ready'; detail: EventDetail<'TranscriptReady'> }
  | { kind: 'transcribe-job'; job: JobKind; jobName: string; status: string };
