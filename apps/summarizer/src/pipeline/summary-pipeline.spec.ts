import { fixedClock } from '@buddie/domain';
import type { ContactCompletedDetail } from '@buddie/messaging';
import type { SummaryRecord } from '@buddie/persistence';
import { OfflineSummaryProvider } from '../providers/offline-summary.provider';
import type { JobOutcome } from '../transcription/transcribe-jobs';
import { SummaryPipeline, type PipelineDeps } from './summary-pipeline';

const NOW = new Date('2024-03-12T15:00:00.000Z');
const audio = { bucket: 'rec', key: 'connect/x/CallRecordings/2024/03/12/c-1_20240312T14:03_UTC.wav' };

function setup(outcomes: JobOutcome[]) {
  const records = new Map<string, SummaryRecord>();
  const started: string[] = [];
  const deps: PipelineDeps = {
    summaries: {
      get: (id) => Promise.resolve(records.get(id)),
      putSummary: (r) => Promise.resolve((records.set(r.contactId, r), true)),
      putStatus: (id, status, at, extra) => Promise.resolve((records.set(id, { contactId: id, status, updatedAt: at, ...extra }), true)),
    },
    contacts: { markStage: () => Promise.resolve() },
    events: { publish: () => Promise.resolve() },
    locator: {
      locate: () => Promise.resolve({ kind: 'audio', audio, location: `s3://${audio.bucket}/${audio.key}` }),
      readTranscript: () => Promise.reject(new Error('not used')),
    },
    audio: { get: () => Promise.resolve(undefined) },
    archive: { saveRedacted: () => Promise.resolve(''), saveRaw: () => Promise.resolve(''), loadRedacted: () => Promise.resolve(undefined) },
    localTranscriber: { available: false, unavailableReason: 'n/a', transcribe: () => Promise.reject(new Error('n/a')) },
    transcribeJobs: {
      kind: 'call-analytics',
      start: (name) => Promise.resolve(void started.push(name)),
      outcome: () => Promise.resolve(outcomes.shift() ?? { status: 'FAILED', failureReason: 'exhausted script' }),
    },
    provider: new OfflineSummaryProvider(),
    clock: fixedClock(NOW),
    logger: { log: () => undefined, warn: () => undefined },
    options: { keepRawTranscripts: false, maxTranscriptionAttempts: 2 },
  };
  return { pipeline: new SummaryPipeline(deps), records, started };
}

const completed = { contactId: 'c-1', channel: 'VOICE', recordings: [{ location: `${audio.bucket}/${audio.key}`, mediaStreamType: 'AUDIO', status: 'AVAILABLE' }] } as unknown as ContactCompletedDetail;

describe('SummaryPipeline with Amazon Transcribe jobs', () => {
  it('given audio without a transcript, then a Call Analytics job named after the contact is started and the contact is transcribing', async () => {
    const { pipeline, records, started } = setup([]);
    expect(await pipeline.onContactCompleted(completed, 'corr')).toBe('transcribing');
    expect(started).toEqual(['buddie-c-1-a1']);
    expect(records.get('c-1')).toMatchObject({ status: 'transcribing', transcriptionAttempts: 1, transcriptionJobName: 'buddie-c-1-a1', mediaLocation: `s3://${audio.bucket}/${audio.key}` });
    // A redelivered ContactCompleted does not start a second job.
    expect(await pipeline.onContactCompleted(completed, 'corr')).toBe('transcribing');
    expect(started).toHaveLength(1);
  });

  it('given failed jobs, then it retries up to the bound and records the last failure reason', async () => {
    const { pipeline, records, started } = setup([
      { status: 'FAILED', failureReason: 'Throttling on the media bucket' },
      { status: 'FAILED', failureReason: 'The media format provided does not match the detected media format' },
    ]);
    await pipeline.onContactCompleted(completed, 'corr');
    expect(await pipeline.onTranscribeJob('call-analytics', 'buddie-c-1-a1', 'FAILED', 'corr')).toBe('transcription-retried');
    expect(started).toEqual(['buddie-c-1-a1', 'buddie-c-1-a2']);
    // A late event for the superseded job changes nothing.
    expect(await pipeline.onTranscribeJob('call-analytics', 'buddie-c-1-a1', 'FAILED', 'corr')).toBe('ignored');
    expect(await pipeline.onTranscribeJob('call-analytics', 'buddie-c-1-a2', 'FAILED', 'corr')).toBe('transcription-failed');
    expect(started).toHaveLength(2);
    expect(records.get('c-1')?.status).toBe('transcription-failed');
    expect(records.get('c-1')?.reason).toBe('Transcribe job buddie-c-1-a2 FAILED: The media format provided does not match the detected media format (attempt 2 of 2)');
  });

  it('given a job event for a name Buddie did not start, then it is ignored', async () => {
    const { pipeline } = setup([]);
    expect(await pipeline.onTranscribeJob('transcription', 'someone-elses-job', 'COMPLETED', 'corr')).toBe('ignored');
  });
});
