import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Message } from '@aws-sdk/client-sqs';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig, SummarizerConfig, transcriptsBucketName } from '@buddie/config';
import { validateCallSummary } from '@buddie/domain';
import { readDeadLetterInfo, type EventBridgeEnvelope } from '@buddie/messaging';
import { parseCtr, type ContactTraceRecord } from '@buddie/connect';
import { ContactRepository, createDynamoClients, SummaryRepository, type ContactItem } from '@buddie/persistence';
import { bootstrapService } from '@buddie/runtime';
import { createTestEnvironment, deliveredBody, drainQueue, eventually, queueUrl, sendBodies, type TestEnvironment } from '@buddie/testing';
import { MemorySink, runSimulation } from '@buddie/simulator';
import { readJson, sharedPath } from '../../../libs/connect/src/testing';
// Events are built by their producer's own mapper (DESIGN.md: one contract), the one cross-app import lint allows.
import { toContactCompleted, toContactWrite } from '../../ingestion/src/contact.mapper';
import { createS3Client } from '../src/transcripts/s3-object.store';
import { SummarizerModule } from '../src/summarizer.module';

type Ctr = Record<string, unknown> & { ContactId: string; InitiationTimestamp: string; LastUpdateTimestamp: string; Recordings: { Location: string }[] };

const CARD = '4111 1111 1111 1111';
const EMAIL = 'maria.lopez@example.com';
const PHONE = '312-555-0147';

/** A Connect chat transcript (the document Connect writes to S3 when a chat ends) that carries PII. */
function chatTranscript(contactId: string) {
  const at = (s: number) => new Date(Date.parse('2024-03-12T13:41:09Z') + s * 1000).toISOString();
  const message = (i: number, role: 'AGENT' | 'CUSTOMER', content: string) => ({
    AbsoluteTime: at(i * 20),
    Content: content,
    ContentType: 'text/plain',
    Id: `m-${i}`,
    Type: 'MESSAGE',
    ParticipantId: role === 'AGENT' ? 'p-agent' : 'p-customer',
    DisplayName: role === 'AGENT' ? 'Sam' : 'Customer',
    ParticipantRole: role,
  });
  return {
    Version: '2019-08-26',
    AWSAccountId: '111122223333',
    InstanceId: 'a1b2c3d4-0000-4000-8000-000000000000',
    InitialContactId: contactId,
    ContactId: contactId,
    Participants: [{ ParticipantId: 'p-agent' }, { ParticipantId: 'p-customer' }],
    Transcript: [
      { AbsoluteTime: at(0), ContentType: 'application/vnd.amazonaws.connect.event.participant.joined', Id: 'j-1', Type: 'EVENT', ParticipantId: 'p-customer', ParticipantRole: 'CUSTOMER' },
      message(1, 'AGENT', 'Hi, this is Sam. How can I help you today?'),
      message(2, 'CUSTOMER', 'I was charged twice for my order this month and I want a refund.'),
      message(3, 'AGENT', 'Sorry about that. Can you confirm the card and an email for the receipt?'),
      message(4, 'CUSTOMER', `Sure, the card number is ${CARD} and my email is ${EMAIL}. You can call me on ${PHONE}.`),
      message(5, 'AGENT', 'I have refunded the duplicate charge. You will receive a confirmation email within 24 hours.'),
      message(6, 'CUSTOMER', 'Great, thank you so much.'),
    ],
  };
}

describe('summarizer on fauxqs (SQS + S3) + DynamoDB Local', () => {
  let env: TestEnvironment;
  let app: NestFastifyApplication | undefined;
  let s3: S3Client;
  let config: SummarizerConfig;
  let summaries: SummaryRepository;
  let contacts: ContactRepository;
  let summarizerUrl: string;
  let gatewayUrl: string;
  let dlqUrl: string;
  const bucket = 'example-connect-recordings-111122223333';

  /** A CTR as ingestion reads and stores it (libs/connect parser, ingestion's own contact mapper). */
  const parsedCtr = (ctr: Ctr): ContactTraceRecord => {
    const parsed = parseCtr(ctr);
    if (!parsed.ok) throw new Error(`test CTR ${ctr.ContactId} does not parse: ${JSON.stringify(parsed.issues)}`);
    return parsed.value;
  };
  const stored = (ctr: Ctr): ContactItem => ({ ...toContactWrite(parsedCtr(ctr)), status: 'completed', ctrUpdatedAtMs: Date.parse(ctr.LastUpdateTimestamp), pipeline: {} });

  /** The ContactCompleted ingestion publishes for a CTR, built by its mapper and delivered as the publisher sends it. */
  const contactCompleted = (ctr: Ctr) => deliveredBody({ type: 'ContactCompleted', detail: toContactCompleted(stored(ctr), false, `corr-${ctr.ContactId}`) });

  /** What ingestion stores, so markStage has a contact row to update. */
  const ingest = (ctr: Ctr) => contacts.upsertCtr(toContactWrite(parsedCtr(ctr)), '2024-03-12T15:00:00Z');

  const chatCtr = (contactId: string): Ctr => {
    const ctr = readJson(sharedPath('fixtures', 'synthetic', 'ctr-07-chat.json')) as Ctr;
    const location = ctr.Recordings[0].Location.replace(ctr.ContactId, contactId);
    return { ...ctr, ContactId: contactId, Recordings: [{ ...ctr.Recordings[0], Location: location }] };
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    config = loadConfig(SummarizerConfig, env.env);
    s3 = createS3Client(config);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const doc = createDynamoClients(env.config).doc;
    summaries = new SummaryRepository(doc, env.physical('call-summaries'));
    contacts = new ContactRepository(doc, env.physical('contacts'));
    summarizerUrl = await queueUrl(env.sqs, env.physical('summarizer'));
    gatewayUrl = await queueUrl(env.sqs, env.physical('gateway'));
    dlqUrl = await queueUrl(env.sqs, env.physical('summarizer-dlq'));
    app = await bootstrapService('summarizer', SummarizerModule.forRoot(config), config);
  });

  afterAll(async () => {
    await app?.close();
    s3?.destroy();
    await env.close();
  });

  it('given a chat CTR whose transcript is in S3, then a redacted, schema-valid summary is stored once, the contact marked and SummaryCreated published', async () => {
    const ctr = chatCtr('2c3d4e5f-6071-4829-8c3b-000000000001');
    await ingest(ctr);
    const [recBucket, ...key] = ctr.Recordings[0].Location.split('/');
    await s3.send(new PutObjectCommand({ Bucket: recBucket, Key: key.join('/'), Body: JSON.stringify(chatTranscript(ctr.ContactId)) }));
    const started = Date.now();

    // Delivered twice: at-least-once delivery must not produce a second summary.
    await sendBodies(env.sqs, summarizerUrl, [contactCompleted(ctr), contactCompleted(ctr)]);
    const stored = await eventually(() => summaries.get(ctr.ContactId), (r) => r?.status === 'summarized', 20000);
    const elapsed = Date.now() - started;

    expect(stored?.status).toBe('summarized');
    const summary = stored!.summary!;
    expect(validateCallSummary(summary)).toEqual({ ok: true, value: summary });
    expect(summary).toMatchObject({ contactId: ctr.ContactId, provider: 'offline' });
    expect(summary.reason).toMatch(/charged twice/);
    expect(summary.topics).toContain('billing');
    expect(stored!.usage).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0, calls: 0 });

    // No PII anywhere in what was stored: the summary record and the archived transcript.
    const archived = await s3.send(new GetObjectCommand({ Bucket: transcriptsBucketName(config), Key: `transcripts/redacted/${ctr.ContactId}.json` }));
    const archivedText = await archived.Body!.transformToString();
    for (const text of [JSON.stringify(stored), archivedText]) {
      expect(text).not.toContain(CARD);
      expect(text).not.toContain('1111 1111');
      expect(text).not.toContain(EMAIL);
      expect(text).not.toContain('555-0147');
    }
    expect(archivedText).toContain('[CREDIT_DEBIT_NUMBER]');
    expect(archivedText).toContain('[EMAIL]');
    expect(stored!.transcriptLocation).toBe(`s3://${transcriptsBucketName(config)}/transcripts/redacted/${ctr.ContactId}.json`);

    const contact = await eventually(() => contacts.get(ctr.ContactId), (c) => c?.pipeline.summarized !== undefined);
    expect(contact?.pipeline.transcribed).toBeDefined();
    expect(contact?.pipeline.summarized).toBeDefined();

    const events = (await drainQueue(env.sqs, gatewayUrl, { expect: 2, quietMs: 1500 })).map((m: Message) => JSON.parse(m.Body!) as EventBridgeEnvelope<Record<string, unknown>>);
    const created = events.filter((e) => e['detail-type'] === 'SummaryCreated' && e.detail.contactId === ctr.ContactId);
    const ready = events.filter((e) => e['detail-type'] === 'TranscriptReady' && e.detail.contactId === ctr.ContactId);
    expect(ready.length).toBeGreaterThanOrEqual(1);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(created[0].source).toBe('buddie.summarizer');
    expect(created[0].detail).toMatchObject({ headline: summary.headline, outcome: summary.outcome, correlationId: `corr-${ctr.ContactId}` });
    // The duplicate delivery did not replace the stored summary.
    expect((await summaries.get(ctr.ContactId))?.summary?.createdAt).toBe(summary.createdAt);
    console.log(`chat CTR -> stored summary in ${elapsed} ms (two queue hops, offline provider)`);
  });

  it('given a contact whose recording is not in S3, then it is recorded with the reason and acknowledged, not retried', async () => {
    const ctr = chatCtr('2c3d4e5f-6071-4829-8c3b-000000000002');
    await ingest(ctr);
    await sendBodies(env.sqs, summarizerUrl, [contactCompleted(ctr)]);
    const stored = await eventually(() => summaries.get(ctr.ContactId), (r) => r?.status !== undefined);

    expect(stored?.status).toBe('transcript-not-found');
    expect(stored?.reason).toContain(`s3://${ctr.Recordings[0].Location}`);
    expect(stored?.reason).toContain('not found');
    const leftover = await drainQueue(env.sqs, summarizerUrl, { timeoutMs: 5000, quietMs: 1000 });
    expect(leftover).toHaveLength(0);
  });

  it('given a contact without recordings, then status no-recording; given garbage, then it goes to the DLQ with a reason', async () => {
    const ctr = { ...chatCtr('2c3d4e5f-6071-4829-8c3b-000000000003'), Recordings: [] };
    // A ContactCompleted whose detail breaks the catalog (a recording without its location).
    const malformed = JSON.parse(contactCompleted(chatCtr('2c3d4e5f-6071-4829-8c3b-000000000009'))) as { detail: { recordings: Record<string, unknown>[] } };
    delete malformed.detail.recordings[0].location;
    await sendBodies(env.sqs, summarizerUrl, [contactCompleted(ctr), '{"not":"an event"}', JSON.stringify(malformed)]);
    const stored = await eventually(() => summaries.get(ctr.ContactId), (r) => r?.status !== undefined);
    expect(stored).toMatchObject({ status: 'no-recording', reason: 'the contact has no recording or transcript' });
    const dead = await drainQueue(env.sqs, dlqUrl, { expect: 2 });
    const reasonOf = (body: string) => readDeadLetterInfo(dead.find((m) => m.Body === body)!).reason;
    expect(reasonOf('{"not":"an event"}')).toMatch(/EventBridge event/);
    expect(reasonOf(JSON.stringify(malformed))).toMatch(/^ContactCompleted detail is invalid: detail\.recordings\[0\]\.location: Required/);
    expect(await summaries.get('2c3d4e5f-6071-4829-8c3b-000000000009')).toBeUndefined();
  });

  it('given a chat whose transcript holds no message (the customer left before writing), then the contact is a dead end with that reason, not an empty summary', async () => {
    const ctr = chatCtr('2c3d4e5f-6071-4829-8c3b-000000000005');
    await ingest(ctr);
    const silent = chatTranscript(ctr.ContactId);
    const left = { ...silent.Transcript[0], ContentType: 'application/vnd.amazonaws.connect.event.participant.left', Id: 'l-1', AbsoluteTime: '2024-03-12T13:42:00.000Z' };
    const [recBucket, ...key] = ctr.Recordings[0].Location.split('/');
    await s3.send(new PutObjectCommand({ Bucket: recBucket, Key: key.join('/'), Body: JSON.stringify({ ...silent, Transcript: [silent.Transcript[0], left] }) }));
    await sendBodies(env.sqs, summarizerUrl, [contactCompleted(ctr)]);
    const stored = await eventually(() => summaries.get(ctr.ContactId), (r) => r?.status !== undefined, 20000);
    expect(stored).toMatchObject({ status: 'transcript-invalid', reason: expect.stringContaining('no turns to summarize') });
    expect(stored?.summary).toBeUndefined();
  });

  it('given a simulated chat and its Contact Lens analysis where the simulator puts it, then the summary states the customer\'s reason', async () => {
    const sink = new MemorySink();
    await runSimulation({ seed: 31, agents: 6, hours: 1, rates: { chat: 0.6 } }, sink, { speed: 'max' });
    const simulated = sink.ctrs.find((c) => c.Channel === 'CHAT' && sink.transcripts.has(c.ContactId))!;
    const doc = sink.transcripts.get(simulated.ContactId)!;
    const input = /^s3:\/\/([^/]+)\/.*\/(\d{4}\/\d{2}\/\d{2})\//.exec(doc.CustomerMetadata.InputS3Uri)!;
    await s3.send(new CreateBucketCommand({ Bucket: input[1] })).catch(() => undefined);
    await s3.send(new PutObjectCommand({ Bucket: input[1], Key: `Analysis/Chat/${input[2]}/${simulated.ContactId}_analysis_20240312T150000Z.json`, Body: JSON.stringify(doc) }));
    const ctr = simulated as unknown as Ctr;
    await ingest(ctr);
    await sendBodies(env.sqs, summarizerUrl, [contactCompleted(ctr)]);
    const stored = await eventually(() => summaries.get(ctr.ContactId), (r) => r?.status !== undefined && r.status !== 'transcribing', 20000);
    expect(stored?.status).toBe('summarized');
    expect(stored?.summary?.reason).not.toMatch(/No reason stated/);
    const customerWords = doc.Channel === 'CHAT' ? doc.Transcript.filter((i) => i.ParticipantRole === 'CUSTOMER' && i.Content).map((i) => i.Content!) : [];
    expect(customerWords.some((words) => words.includes(stored!.summary!.reason.split(' ').slice(-3).join(' ')))).toBe(true);
  });

  it('given a Contact Lens analysis at its conventional location for a voice contact, then it is used instead of transcribing', async () => {
    const voice = readJson(sharedPath('fixtures', 'synthetic', 'ctr-01-inbound-answered-recorded.json')) as Ctr;
    const contactId = 'a3f1c2d4-5b6e-4f70-8a91-000000000004';
    const ctr: Ctr = { ...voice, ContactId: contactId, Recordings: [{ ...voice.Recordings[0], Location: voice.Recordings[0].Location.replace(voice.ContactId, contactId) }] };
    await ingest(ctr);
    const analysis = readJson(sharedPath('fixtures', 'real', 'connect-docs', 'contact-lens-analysis-chat-original.json')) as Record<string, unknown>;
    const date = ctr.InitiationTimestamp.slice(0, 10).replace(/-/g, '/');
    const [recBucket] = ctr.Recordings[0].Location.split('/');
    await s3.send(
      new PutObjectCommand({ Bucket: recBucket, Key: `Analysis/Voice/${date}/${contactId}_analysis_${ctr.InitiationTimestamp}.json`, Body: JSON.stringify({ ...analysis, ContactId: contactId }) }),
    );
    await sendBodies(env.sqs, summarizerUrl, [contactCompleted(ctr)]);
    const stored = await eventually(() => summaries.get(contactId), (r) => r?.status === 'summarized' || r?.status === 'transcript-invalid', 20000);
    expect(stored?.status).toBe('summarized');
    expect(validateCallSummary(stored?.summary).ok).toBe(true);
  });
});
