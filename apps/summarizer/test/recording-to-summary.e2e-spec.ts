import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { loadConfig, redactedTranscriptKey, SummarizerConfig, transcriptsBucketName } from '@buddie/config';
import { validateCallSummary, type CallSummary, type Transcript } from '@buddie/domain';
import { freePort, waitFor } from '@buddie/runtime';
import { createTestEnvironment, type TestEnvironment } from '@buddie/testing';
import { readJson, sharedPath } from '../../../libs/connect/src/testing';
import { createS3Client } from '../src/transcripts/s3-object.store';
import { missingSpeechTools, stereoCall } from './flite-call';

/**
 * The summarizer's done-when, end to end on this machine: a Connect CTR whose recording is a
 * stereo WAV in S3 enters through ingestion (EventBridge Pipe -> ingestion queue), becomes
 * ContactCompleted, is transcribed by pocketsphinx, redacted, summarized by the offline provider,
 * stored, and read back through the gateway's REST API. Ingestion, summarizer and gateway run as
 * their own processes from apps/<app>/src/main.ts, as `buddie start` runs them.
 */

const CARD_SPOKEN = 'four one one one one one one one one one one one one one one one';
const PHONE_SPOKEN = 'three one two five five five zero one four seven';
const CALL = {
  agent: ['thank you for calling how can i help you today', 'sorry about that which card was charged', 'and what number can i reach you on', 'i have refunded the duplicate charge to your card'],
  customer: ['i was charged twice for my phone bill this month and i want a refund', `the card number is ${CARD_SPOKEN}`, `my number is ${PHONE_SPOKEN}`, 'great thank you very much goodbye'],
};
const DEV_KEY = 'recording-to-summary-key';
const ROOT = join(__dirname, '..', '..', '..');

/** Seven or more digits in a row, written or spoken ("four one one ..."), with the separators speech-to-text puts between them. */
const DIGIT = String.raw`(?:\d|\b(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine|double|triple)\b)`;
const DIGIT_RUN = new RegExp(`${DIGIT}(?:[\\s,-]*${DIGIT}){6,}`, 'i');

type Ctr = Record<string, unknown> & { ContactId: string; Recording: { Location: string }; Recordings: { Location: string }[] };
interface SummaryResponse {
  contactId: string;
  status: string;
  reason?: string;
  summary?: CallSummary;
}

interface App {
  name: string;
  url: string;
  child: ChildProcess;
  output: () => string;
}

const missing = missingSpeechTools();
if (missing.length) console.warn(`SKIPPED recording-to-summary e2e test: install the Debian packages ${missing.join(', ')} (apt-get install flite pocketsphinx pocketsphinx-en-us)`);
const run = missing.length ? describe.skip : describe;

run('a Connect CTR with a call recording, locally: ingestion -> pocketsphinx -> redaction -> offline summary -> gateway API', () => {
  let env: TestEnvironment;
  let s3: S3Client;
  const apps: App[] = [];

  /** One app as its own process (apps/<app>/src/main.ts from source), answering /health. */
  const launch = async (name: string, extra: Record<string, string> = {}): Promise<App> => {
    const port = await freePort();
    const child = spawn(process.execPath, ['-r', join(ROOT, 'bin', 'ts-register.js'), join(ROOT, 'apps', name, 'src', 'main.ts')], {
      env: { ...process.env, ...env.env, ...extra, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const app = { name, url: `http://127.0.0.1:${port}`, child, output: () => output };
    apps.push(app);
    await waitFor(`${name} /health`, async () => {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}:\n${output}`);
      const response = await fetch(`${app.url}/health`);
      if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
    }, 90000, 300);
    return app;
  };
  const logs = () => apps.map((a) => `--- ${a.name}\n${a.output().slice(-4000)}`).join('\n');
  const gateway = () => apps.find((a) => a.name === 'gateway')!;
  const api = (path: string) => fetch(`${gateway().url}/api/v1${path}`, { headers: { 'x-api-key': DEV_KEY } });

  beforeAll(async () => {
    env = await createTestEnvironment({ DEV_API_KEY: DEV_KEY });
    s3 = createS3Client(loadConfig(SummarizerConfig, env.env));
    await Promise.all([launch('ingestion'), launch('summarizer'), launch('gateway')]);
  }, 180000);

  afterAll(async () => {
    await Promise.all(
      apps.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 15000).unref();
          }),
      ),
    );
    s3?.destroy();
    await env?.close();
  }, 60000);

  it('given a 16 kHz stereo recording in S3 where the CTR points, then GET /contacts/:id/summary returns a schema-valid summary of a redacted transcript', async () => {
    // The recording Connect would have written: agent on channel 0, customer on channel 1, the customer reading out a card and a phone number.
    const fixture = readJson(sharedPath('fixtures', 'synthetic', 'ctr-01-inbound-answered-recorded.json')) as Ctr;
    const contactId = randomUUID();
    const bucket = env.physical('connect-recordings').toLowerCase();
    const key = fixture.Recordings[0].Location.split('/').slice(1).join('/').replace(fixture.ContactId, contactId);
    const location = `${bucket}/${key}`;
    const ctr: Ctr = {
      ...fixture,
      ContactId: contactId,
      Recording: { ...fixture.Recording, Location: location },
      Recordings: [{ ...fixture.Recordings[0], Location: location }],
    };
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: stereoCall(CALL, 16000), ContentType: 'audio/wav' }));

    // The CTR arrives as the EventBridge Pipe from the CTR stream delivers it: on the Buddie bus, routed to ingestion.
    const started = Date.now();
    const [put] = await env.router.putEvents([{ EventBusName: 'buddie', Source: 'buddie.ctr-pipe', DetailType: 'Amazon Connect Contact Trace Record', Detail: JSON.stringify(ctr) }]);
    expect(put).toHaveProperty('EventId');

    // Any recorded outcome ends the wait, so a dead end fails at once with its reason.
    let response: Response | undefined;
    let body: SummaryResponse | undefined;
    try {
      await waitFor('the summary through the gateway', async () => {
        response = await api(`/contacts/${contactId}/summary`);
        if (response.status === 404) throw new Error('no summary yet');
        body = (await response.json()) as SummaryResponse;
      }, 150000, 500);
    } catch (error) {
      throw new Error(`${(error as Error).message}\n${logs()}`);
    }
    const elapsed = Date.now() - started;

    expect(response!.status).toBe(200);
    expect({ status: body!.status, reason: body!.reason }).toEqual({ status: 'summarized', reason: undefined });
    expect(body!.contactId).toBe(contactId);
    const summary = body!.summary!;
    expect(validateCallSummary(summary)).toEqual({ ok: true, value: summary });
    expect(summary).toMatchObject({ contactId, provider: 'offline' });
    // The gateway serves the redacted transcript it was made from, saying it was transcribed here.
    const served = (await (await api(`/contacts/${contactId}/transcript`)).json()) as { source: string; turns: { role: string; text: string }[] };
    expect(served.source).toBe('pocketsphinx');
    expect(served.turns.filter((t) => t.role === 'CUSTOMER').map((t) => t.text).join(' ')).toContain('[CREDIT_DEBIT_NUMBER]');
    // What the customer said the call was about.
    expect(summary.reason).toMatch(/refund/);
    expect(summary.topics).toContain('billing');

    // The transcript the summary was made from is the redacted one, and the raw one was not kept (KEEP_RAW_TRANSCRIPTS is off by default).
    const config = loadConfig(SummarizerConfig, env.env);
    const stored = { bucket: transcriptsBucketName(config), key: redactedTranscriptKey(contactId) };
    const transcript = JSON.parse(await (await s3.send(new GetObjectCommand({ Bucket: stored.bucket, Key: stored.key }))).Body!.transformToString()) as Transcript;
    await expect(s3.send(new HeadObjectCommand({ Bucket: stored.bucket, Key: `transcripts/raw/${contactId}.json` }))).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    const customer = transcript.turns.filter((t) => t.role === 'CUSTOMER');
    expect(transcript).toMatchObject({ contactId, channel: 'VOICE', redacted: true });
    expect(transcript.turns.filter((t) => t.role === 'AGENT').length).toBeGreaterThanOrEqual(3);
    expect(customer.map((t) => t.text).join(' ')).toMatch(/refund/);

    // Redaction: the spoken card and phone number were transcribed and replaced by their markers, with
    // redaction offsets pointing at them; no run of 7+ digits, written or spoken, is left anywhere stored.
    const customerText = customer.map((t) => t.text).join(' | ');
    console.log(`recording -> summary through the API in ${elapsed} ms; customer turns as stored: "${customerText}"`);
    expect(customerText).toContain('the card number is [CREDIT_DEBIT_NUMBER]');
    expect(customerText).toContain('my number is [PHONE]');
    expect(transcript.turns.flatMap((t) => (t.redactions ?? []).map((r) => `${t.role}:${r.type}`)).sort()).toEqual(['CUSTOMER:CREDIT_DEBIT_NUMBER', 'CUSTOMER:PHONE']);
    for (const turn of transcript.turns) {
      for (const r of turn.redactions ?? []) expect(turn.text.slice(r.begin, r.end)).toBe(`[${r.type}]`);
    }
    const summaryTexts = [summary.headline, summary.reason, ...summary.actionsTaken, ...summary.followUps.map((f) => f.action), ...summary.agentNotes];
    for (const text of [...transcript.turns.map((t) => t.text), ...summaryTexts]) {
      expect(text).not.toMatch(DIGIT_RUN);
      expect(text).not.toContain(CARD_SPOKEN.slice(0, 20));
      expect(text).not.toContain(PHONE_SPOKEN.slice(0, 20));
    }
    const everything = JSON.stringify(body) + JSON.stringify(transcript);
    for (const raw of ['4111111111111111', '4111 1111', '3125550147', '555-0147']) expect(everything).not.toContain(raw);
    expect(summary.agentNotes).toContain('2 sensitive value(s) redacted from the transcript.');

    // Every stage is recorded on the contact ingestion stored.
    let pipeline: Record<string, string> | undefined;
    await waitFor('the contact marked summarized', async () => {
      pipeline = ((await (await api(`/contacts/${contactId}`)).json()) as { pipeline?: Record<string, string> }).pipeline;
      if (!pipeline?.summarized) throw new Error(`pipeline ${JSON.stringify(pipeline)}`);
    }, 30000, 300);
    expect(pipeline).toEqual(expect.objectContaining({ ingested: expect.any(String), transcribed: expect.any(String), summarized: expect.any(String) }));
  }, 240000);
});
