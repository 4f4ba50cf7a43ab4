import { monotonicMs, redactTranscript, TransientError, type Clock, type Transcript } from '@buddie/domain';
import { summaryCreatedFields, type ContactCompletedDetail, type PublishableEvent } from '@buddie/messaging';
import { isConditionalCheckFailed, type PipelineStage, type SummaryRecord, type SummaryRepository } from '@buddie/persistence';
import type { SummaryProvider } from '../providers/summary-provider';
import type { LocalTranscriber } from '../transcription/pocketsphinx.transcriber';
import { jobName, parseJobName, type JobKind, type TranscribeJobs } from '../transcription/transcribe-jobs';
import { parseS3Location, type S3Location } from '../transcripts/s3-location';
import type { TranscriptArchive } from '../transcripts/transcript.archive';
import type { LocatedTranscript } from '../transcripts/transcript-locator';
import type { SummarizerMessage } from './summarizer-message';

/** The summarizer's event mappers: what it publishes is exactly the catalog's TranscriptReady. */
export function transcriptReady(contactId: string, transcriptLocation: string, format: string, correlationId: string): PublishableEvent<'TranscriptReady'> {
  return { type: 'TranscriptReady', detail: { contactId, transcriptLocation, format, correlationId } };
}

/** ...and SummaryCreated, from the stored record (a replay after a crash announces the stored summary). */
export function summaryCreated(record: SummaryRecord, correlationId: string): PublishableEvent<'SummaryCreated'> {
  return { type: 'SummaryCreated', detail: summaryCreatedFields({ contactId: record.contactId, summary: record.summary! }, correlationId) };
}

export interface PipelineLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface PipelineDeps {
  summaries: Pick<SummaryRepository, 'get' | 'putSummary' | 'putStatus'>;
  contacts: { markStage(contactId: string, stage: PipelineStage, at: string): Promise<void> };
  events: { publish(events: PublishableEvent[]): Promise<void> };
  locator: {
    locate(contact: ContactCompletedDetail): Promise<LocatedTranscript>;
    readTranscript(location: S3Location, contactId?: string): Promise<Extract<LocatedTranscript, { kind: 'transcript' | 'missing' }>>;
  };
  audio: { get(location: S3Location): Promise<Buffer | undefined> };
  archive: Pick<TranscriptArchive, 'saveRedacted' | 'saveRaw' | 'loadRedacted'>;
  localTranscriber: LocalTranscriber;
  /** Amazon Transcribe (AWS mode); absent locally. */
  transcribeJobs?: Pick<TranscribeJobs, 'start' | 'outcome' | 'kind'>;
  provider: SummaryProvider;
  clock: Clock;
  logger: PipelineLogger;
  options: { keepRawTranscripts: boolean; maxTranscriptionAttempts: number };
  /** Time spent inside provider.summarize, for the benchmark's overhead figure. */
  onProviderTime?(ms: number): void;
}

export type PipelineOutcome =
  | 'summarized'
  | 'already-summarized'
  | 'transcript-ready'
  | 'transcribing'
  | 'recorded-missing'
  | 'transcription-retried'
  | 'transcription-failed'
  | 'ignored';

/**
 * The summarizer's decisions, over injected adapters: ContactCompleted -> transcript (found,
 * transcribed locally, or a Transcribe job) -> redacted and archived -> TranscriptReady ->
 * summary stored once per contact -> SummaryCreated. Redaction happens before the transcript is
 * stored or reaches a provider; every dead end is recorded on the contact with its reason.
 */
export class SummaryPipeline {
  constructor(private readonly deps: PipelineDeps) {}

  handle(message: SummarizerMessage, correlationId: string): Promise<PipelineOutcome> {
    switch (message.kind) {
      case 'contact-completed':
        return this.onContactCompleted(message.detail, message.detail.correlationId ?? correlationId);
      case 'transcript-ready':
        return this.onTranscriptReady(message.detail.contactId, message.detail.transcriptLocation, message.detail.correlationId ?? correlationId);
      case 'transcribe-job':
        return this.onTranscribeJob(message.job, message.jobName, message.status, correlationId);
    }
  }

  async onContactCompleted(contact: ContactCompletedDetail, correlationId: string): Promise<PipelineOutcome> {
    const { contactId } = contact;
    const existing = await this.deps.summaries.get(contactId);
    if (existing?.status === 'summarized') return 'already-summarized';
    if (existing?.status === 'transcribing') return 'transcribing';
    const located = await this.deps.locator.locate(contact);
    switch (located.kind) {
      case 'transcript':
        return this.acceptTranscript(contactId, located.transcript, located.format, correlationId);
      case 'missing':
        return this.recordMissing(contactId, located.status, located.reason, correlationId);
      case 'audio':
        return this.transcribe(contactId, located.audio, correlationId, 1);
    }
  }

  async onTranscriptReady(contactId: string, location: string, correlationId: string): Promise<PipelineOutcome> {
    const existing = await this.deps.summaries.get(contactId);
    if (existing?.status === 'summarized' && existing.summary) {
      // A replay after a crash between store and publish: announce again (consumers are idempotent).
      await this.publishSummaryCreated(existing, correlationId);
      return 'already-summarized';
    }
    const transcript = await this.deps.archive.loadRedacted(location);
    if (!transcript) throw new TransientError('TRANSCRIPT_NOT_YET_VISIBLE', `redacted transcript ${location} not found`);
    if (transcript.turns.length === 0) {
      await this.recordMissing(contactId, 'transcript-invalid', `transcript ${location} has no turns to summarize`, correlationId);
      return 'recorded-missing';
    }
    const now = this.deps.clock.now();
    const started = monotonicMs();
    const { summary, usage } = await this.deps.provider.summarize(transcript, { contactId, now });
    this.deps.onProviderTime?.(monotonicMs() - started);
    const record: SummaryRecord & { status: 'summarized'; summary: typeof summary } = {
      contactId,
      status: 'summarized',
      updatedAt: now.toISOString(),
      summary,
      usage,
      transcriptLocation: location,
      transcriptFormat: transcript.source,
      correlationId,
    };
    const stored = await this.deps.summaries.putSummary(record);
    const current = stored ? record : ((await this.deps.summaries.get(contactId)) ?? record);
    await this.markStage(contactId, 'summarized', now.toISOString());
    await this.publishSummaryCreated(current, correlationId);
    this.deps.logger.log(`contact ${contactId}: summarized by ${summary.provider} (${usage.totalTokens} tokens, ${usage.calls} calls) [${correlationId}]`);
    return 'summarized';
  }

  async onTranscribeJob(kind: JobKind, name: string, status: string, correlationId: string): Promise<PipelineOutcome> {
    const parsed = parseJobName(name);
    const jobs = this.deps.transcribeJobs;
    if (!parsed || !jobs) return 'ignored';
    const { contactId, attempt } = parsed;
    const existing = await this.deps.summaries.get(contactId);
    if (existing?.status === 'summarized') return 'already-summarized';
    if (existing?.transcriptionJobName && existing.transcriptionJobName !== name) return 'ignored';
    const outcome = await jobs.outcome(kind, name);
    if (status === 'COMPLETED' && outcome.transcriptUri) {
      const location = parseS3Location(outcome.transcriptUri);
      if (!location) return this.recordMissing(contactId, 'transcription-failed', `job ${name} finished with an unreadable output location ${outcome.transcriptUri}`, correlationId);
      const found = await this.deps.locator.readTranscript(location, contactId);
      if (found.kind === 'missing') {
        if (found.status === 'transcript-not-found') throw new TransientError('TRANSCRIPT_NOT_YET_VISIBLE', found.reason);
        return this.recordMissing(contactId, 'transcription-failed', found.reason, correlationId);
      }
      return this.acceptTranscript(contactId, found.transcript, found.format, correlationId);
    }
    const reason = `Transcribe job ${name} ${status}${outcome.failureReason ? `: ${outcome.failureReason}` : ''}`;
    if (attempt < this.deps.options.maxTranscriptionAttempts && existing?.transcriptionJobName === name) {
      const audio = existing.mediaLocation ? parseS3Location(existing.mediaLocation) : undefined;
      if (audio) {
        this.deps.logger.warn(`contact ${contactId}: ${reason}; retrying (attempt ${attempt + 1})`);
        await this.transcribe(contactId, audio, correlationId, attempt + 1);
        return 'transcription-retried';
      }
    }
    await this.recordMissing(contactId, 'transcription-failed', `${reason} (attempt ${attempt} of ${this.deps.options.maxTranscriptionAttempts})`, correlationId);
    return 'transcription-failed';
  }

  private async transcribe(contactId: string, audio: S3Location, correlationId: string, attempt: number): Promise<PipelineOutcome> {
    const at = this.deps.clock.now().toISOString();
    const jobs = this.deps.transcribeJobs;
    if (jobs) {
      const name = jobName(contactId, attempt);
      await jobs.start(name, audio);
      await this.deps.summaries.putStatus(contactId, 'transcribing', at, {
        transcriptionAttempts: attempt,
        transcriptionJobName: name,
        correlationId,
        mediaLocation: `s3://${audio.bucket}/${audio.key}`,
      });
      return 'transcribing';
    }
    const local = this.deps.localTranscriber;
    if (!local.available) return this.recordMissing(contactId, 'transcript-not-found', `recording s3://${audio.bucket}/${audio.key} is audio and ${local.unavailableReason}`, correlationId);
    if (!/\.wav$/i.test(audio.key)) return this.recordMissing(contactId, 'transcript-not-found', `recording s3://${audio.bucket}/${audio.key} is not a .wav file; local transcription reads WAV only`, correlationId);
    const wav = await this.deps.audio.get(audio);
    if (!wav) return this.recordMissing(contactId, 'transcript-not-found', `recording s3://${audio.bucket}/${audio.key} not found`, correlationId);
    let transcript: Transcript;
    try {
      transcript = await local.transcribe(wav, contactId);
    } catch (error) {
      return this.recordMissing(contactId, 'transcription-failed', `local transcription failed: ${(error as Error).message}`, correlationId);
    }
    if (transcript.turns.length === 0) return this.recordMissing(contactId, 'transcription-failed', 'local transcription found no speech in the recording', correlationId);
    return this.acceptTranscript(contactId, transcript, 'pocketsphinx', correlationId);
  }

  private async acceptTranscript(contactId: string, raw: Transcript, format: string, correlationId: string): Promise<PipelineOutcome> {
    // Nothing said is nothing to summarize: a summary made of no turns would only pretend.
    if (raw.turns.length === 0) return this.recordMissing(contactId, 'transcript-invalid', `the ${format} transcript has no turns to summarize (no message or utterance with words)`, correlationId);
    const redacted = redactTranscript({ ...raw, contactId });
    const transcriptLocation = await this.deps.archive.saveRedacted(contactId, redacted);
    if (this.deps.options.keepRawTranscripts) await this.deps.archive.saveRaw(contactId, { ...raw, contactId });
    const at = this.deps.clock.now().toISOString();
    await this.markStage(contactId, 'transcribed', at);
    await this.deps.events.publish([transcriptReady(contactId, transcriptLocation, format, correlationId)]);
    return 'transcript-ready';
  }

  private async recordMissing(contactId: string, status: 'no-recording' | 'transcript-not-found' | 'transcript-invalid' | 'transcription-failed', reason: string, correlationId: string): Promise<PipelineOutcome> {
    await this.deps.summaries.putStatus(contactId, status, this.deps.clock.now().toISOString(), { reason, correlationId });
    this.deps.logger.warn(`contact ${contactId}: no summary (${status}): ${reason} [${correlationId}]`);
    return status === 'transcription-failed' ? 'transcription-failed' : 'recorded-missing';
  }

  private async publishSummaryCreated(record: SummaryRecord, correlationId: string): Promise<void> {
    await this.deps.events.publish([summaryCreated(record, correlationId)]);
  }

  /** The contact row is ingestion's; a contact not (yet) there must not block the summary itself. */
  private async markStage(contactId: string, stage: PipelineStage, at: string): Promise<void> {
    try {
      await this.deps.contacts.markStage(contactId, stage, at);
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      this.deps.logger.warn(`contact ${contactId}: not in the contacts table, pipeline stage ${stage} not recorded`);
    }
  }
}
