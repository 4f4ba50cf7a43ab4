/**
 * Summarizer benchmark on simulator transcripts (Contact Lens documents from libs/simulator):
 *  1. the offline provider alone: summaries/s and latency percentiles;
 *  2. the pipeline around it (parse, redact, archive, status writes, events; I/O replaced by
 *     in-memory adapters), with provider time subtracted: what Buddie adds per contact.
 *   npm run bench:summarizer [-- --count 1000]
 */
import { parseTranscript } from '@buddie/connect';
import { fixedClock, redactTranscript, validateCallSummary, type Transcript } from '@buddie/domain';
import type { ContactCompletedDetail, PublishableEvent } from '@buddie/messaging';
import type { SummaryRecord } from '@buddie/persistence';
import { MemorySink, runSimulation } from '@buddie/simulator';
/* eslint-disable no-restricted-imports -- a benchmark is not an app: it drives the summarizer's own pipeline in-process to measure it */
import { SummaryPipeline } from '../apps/summarizer/src/pipeline/summary-pipeline';
import { OfflineSummaryProvider } from '../apps/summarizer/src/providers/offline-summary.provider';
import type { S3Location } from '../apps/summarizer/src/transcripts/s3-location';
import type { S3ObjectStore } from '../apps/summarizer/src/transcripts/s3-object.store';
import { TranscriptArchive } from '../apps/summarizer/src/transcripts/transcript.archive';
import { TranscriptLocator } from '../apps/summarizer/src/transcripts/transcript-locator';
/* eslint-enable no-restricted-imports */

const NOW = new Date('2024-03-12T18:00:00.000Z');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / s.length;
  return `mean ${mean.toFixed(3)} ms, p50 ${percentile(s, 50).toFixed(3)} ms, p95 ${percentile(s, 95).toFixed(3)} ms, max ${s[s.length - 1].toFixed(3)} ms`;
}

/** S3 as a Map: the pipeline's own code runs, the network does not. */
class MemoryObjectStore {
  readonly objects = new Map<string, Buffer>();
  get(l: S3Location): Promise<Buffer | undefined> {
    return Promise.resolve(this.objects.get(`${l.bucket}/${l.key}`));
  }
  exists(l: S3Location): Promise<boolean> {
    return Promise.resolve(this.objects.has(`${l.bucket}/${l.key}`));
  }
  list(): Promise<string[]> {
    return Promise.resolve([]);
  }
  putJson(l: S3Location, value: unknown): Promise<void> {
    this.objects.set(`${l.bucket}/${l.key}`, Buffer.from(JSON.stringify(value)));
    return Promise.resolve();
  }
}

async function simulatorTranscripts(count: number): Promise<{ contactId: string; doc: unknown }[]> {
  for (let hours = 8; hours <= 96; hours *= 2) {
    const sink = new MemorySink();
    await runSimulation({ seed: 7, agents: 60, hours }, sink, { speed: 'max' });
    if (sink.transcripts.size >= count) return [...sink.transcripts.entries()].slice(0, count).map(([contactId, doc]) => ({ contactId, doc }));
  }
  throw new Error(`the simulator produced fewer than ${count} transcripts`);
}

async function main(argv: string[]): Promise<void> {
  const countIndex = argv.indexOf('--count');
  const count = countIndex >= 0 ? Number(argv[countIndex + 1]) : 1000;
  const t0 = performance.now();
  const docs = await simulatorTranscripts(count);
  console.log(`${docs.length} simulator transcripts (Contact Lens format) generated in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // 1. Offline provider alone, on parsed + redacted transcripts.
  const provider = new OfflineSummaryProvider();
  const prepared: Transcript[] = docs.map(({ contactId, doc }) => {
    const parsed = parseTranscript(doc, { contactId });
    if (!parsed.ok) throw new Error(`simulator transcript ${contactId} does not parse: ${JSON.stringify(parsed.issues[0])}`);
    return redactTranscript(parsed.value);
  });
  for (const t of prepared.slice(0, 50)) await provider.summarize(t, { contactId: t.contactId!, now: NOW }); // warm-up
  const latencies: number[] = [];
  let invalid = 0;
  const start = performance.now();
  for (const t of prepared) {
    const s = performance.now();
    const { summary } = await provider.summarize(t, { contactId: t.contactId!, now: NOW });
    latencies.push(performance.now() - s);
    if (!validateCallSummary(summary).ok) invalid++;
  }
  const seconds = (performance.now() - start) / 1000;
  const turns = prepared.reduce((n, t) => n + t.turns.length, 0) / prepared.length;
  console.log(`\noffline provider: ${prepared.length} summaries in ${seconds.toFixed(2)} s = ${(prepared.length / seconds).toFixed(0)} summaries/s (avg ${turns.toFixed(1)} turns)`);
  console.log(`  latency per summary: ${stats(latencies)}; schema-invalid: ${invalid}`);

  // 2. Whole pipeline (ContactCompleted -> TranscriptReady -> summary), in-memory adapters, minus provider time.
  const store = new MemoryObjectStore();
  const records = new Map<string, SummaryRecord>();
  const events: PublishableEvent[] = [];
  let providerMs = 0;
  const pipeline = new SummaryPipeline({
    summaries: {
      get: (id) => Promise.resolve(records.get(id)),
      putSummary: (r) => Promise.resolve(records.get(r.contactId)?.status === 'summarized' ? false : (records.set(r.contactId, r), true)),
      putStatus: (id, status, at, extra) => Promise.resolve((records.set(id, { contactId: id, status, updatedAt: at, ...extra }), true)),
    },
    contacts: { markStage: () => Promise.resolve() },
    events: { publish: (e) => Promise.resolve(void events.push(...e)) },
    locator: new TranscriptLocator(store as unknown as S3ObjectStore),
    audio: store,
    archive: new TranscriptArchive(store as unknown as S3ObjectStore, 'bench-transcripts'),
    localTranscriber: { available: false, unavailableReason: 'bench', transcribe: () => Promise.reject(new Error('bench')) },
    provider,
    clock: fixedClock(NOW),
    logger: { log: () => undefined, warn: () => undefined },
    options: { keepRawTranscripts: false, maxTranscriptionAttempts: 3 },
    onProviderTime: (ms) => (providerMs += ms),
  });
  const bucket = 'connect-recordings';
  for (const { contactId, doc } of docs) store.objects.set(`${bucket}/chat/${contactId}.json`, Buffer.from(JSON.stringify(doc)));
  const overheads: number[] = [];
  const pStart = performance.now();
  for (const { contactId } of docs) {
    const before = providerMs;
    const s = performance.now();
    const detail = {
      contactId,
      channel: 'VOICE',
      initiationTimestamp: NOW.toISOString(),
      disconnectTimestamp: null,
      recordings: [{ location: `${bucket}/chat/${contactId}.json`, mediaStreamType: 'AUDIO', status: 'AVAILABLE' }],
      correlationId: contactId,
    } as unknown as ContactCompletedDetail;
    const first = await pipeline.handle({ kind: 'contact-completed', detail }, contactId);
    if (first !== 'transcript-ready') throw new Error(`${contactId}: ${first} ${records.get(contactId)?.reason ?? ''}`);
    const ready = events[events.length - 1].detail as unknown as { transcriptLocation: string };
    await pipeline.handle({ kind: 'transcript-ready', detail: { contactId, transcriptLocation: ready.transcriptLocation, format: 'contact-lens', correlationId: contactId, occurredAt: '', schemaVersion: 1 } }, contactId);
    overheads.push(performance.now() - s - (providerMs - before));
  }
  const pSeconds = (performance.now() - pStart) / 1000;
  const summarized = [...records.values()].filter((r) => r.status === 'summarized').length;
  console.log(`\npipeline (parse + redact + archive + store + 2 events per contact; storage/queues in memory): ${summarized}/${docs.length} summarized in ${pSeconds.toFixed(2)} s = ${(docs.length / pSeconds).toFixed(0)} contacts/s`);
  console.log(`  overhead excluding provider time, per contact: ${stats(overheads)}`);
  console.log(`  provider share of pipeline time: ${((providerMs / (pSeconds * 1000)) * 100).toFixed(1)}%`);
  console.log('\nNot included: DynamoDB, S3 and SQS round trips (see the integration test timing: one chat CTR to a stored summary in under a second locally).');
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
