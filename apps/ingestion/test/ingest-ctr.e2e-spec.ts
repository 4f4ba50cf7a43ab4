import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IngestionConfig, loadConfig } from '@buddie/config';
import { ctrMaterialFingerprint, parseCtr, type ContactTraceRecord } from '@buddie/connect';
import { ApiKeyRepository, ContactRepository, createDynamoClients } from '@buddie/persistence';
import { bootstrapService } from '@buddie/runtime';
import { createTestEnvironment, type TestEnvironment } from '@buddie/testing';
import { readJson, sharedPath } from '../../../libs/connect/src/testing';
import { IngestionModule } from '../src/ingestion.module';

// Response bodies are checked field by field below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const json = async (response: Response): Promise<Json> => response.json();
const parseOk = (value: unknown): ContactTraceRecord => {
  const parsed = parseCtr(value);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.value;
};
const ctr = (name: string) => readJson(sharedPath('fixtures', 'synthetic', name)) as Record<string, unknown> & { ContactId: string };

describe('POST /ingest/ctr', () => {
  let env: TestEnvironment;
  let app: NestFastifyApplication;
  let url: string;
  let contacts: ContactRepository;
  let keys: { ingest: string; read: string; admin: string };

  const post = (body: unknown, headers: Record<string, string> = { 'x-api-key': keys.ingest }) =>
    fetch(`${url}/ingest/ctr`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    env = await createTestEnvironment({ MAX_BODY_BYTES: String(1024 * 1024), MAX_BATCH_RECORDS: '5' });
    const repository = new ApiKeyRepository(createDynamoClients(env.config).doc, env.physical('api-keys'));
    const make = async (scope: 'ingest' | 'read' | 'admin') => (await repository.create({ name: scope, scopes: [scope], createdAt: new Date().toISOString() })).key;
    keys = { ingest: await make('ingest'), read: await make('read'), admin: await make('admin') };
    const config = loadConfig(IngestionConfig, env.env);
    app = await bootstrapService('ingestion', IngestionModule.forRoot(config), config, { bodyLimitBytes: config.MAX_BODY_BYTES });
    url = await app.getUrl();
    url = url.replace('[::1]', '127.0.0.1');
    contacts = new ContactRepository(createDynamoClients(env.config).doc, env.physical('contacts'));
  });
  afterAll(async () => {
    await app.close();
    await env.close();
  });

  it('stores a single valid CTR and answers with its outcome', async () => {
    const record = ctr('ctr-07-chat.json');
    const response = await post(record);
    const body = await json(response);
    expect(response.status).toBe(200);
    expect(body).toMatchObject({ accepted: 1, rejected: 0, results: [{ index: 0, contactId: record.ContactId, outcome: 'created', published: true }] });
    expect((await contacts.get(record.ContactId))?.channel).toBe('CHAT');
    const again = await json(await post(record));
    expect(again.results[0]).toMatchObject({ outcome: 'duplicate', published: false });
  });

  it('keeps one deterministic copy of two that differ at the same LastUpdateTimestamp, in either order, and reports the conflict', async () => {
    const base = ctr('ctr-05-outbound-agent-dialed.json');
    const copy = (disposition: string, LastUpdateTimestamp: string) => ({ ...base, LastUpdateTimestamp, Attributes: { disposition } });
    const kept = async () => ((await contacts.get(base.ContactId))!.ctr as { Attributes: Record<string, string> }).Attributes.disposition;
    // The fingerprint leaves LastUpdateTimestamp out, so the same two contents tie-break the same way at any time.
    const winner = [copy('left-voicemail', '2024-03-12T11:00:00Z'), copy('reached-customer', '2024-03-12T11:00:00Z')].sort((x, y) => (ctrMaterialFingerprint(parseOk(x)) < ctrMaterialFingerprint(parseOk(y)) ? 1 : -1))[0].Attributes.disposition;

    const first = [];
    for (const record of [copy('left-voicemail', '2024-03-12T11:00:00Z'), copy('reached-customer', '2024-03-12T11:00:00Z')]) first.push((await json(await post(record))).results[0].outcome);
    const keptFirst = await kept();
    const second = [];
    for (const record of [copy('reached-customer', '2024-03-12T12:00:00Z'), copy('left-voicemail', '2024-03-12T12:00:00Z')]) second.push((await json(await post(record))).results[0].outcome);

    expect(first).toEqual(['created', 'conflict']);
    expect(second[1]).toBe('conflict');
    expect(keptFirst).toBe(winner);
    expect(await kept()).toBe(winner);
  });

  it('accepts a CTR in the EventBridge event of the CTR pipe (what `buddie parse ctr` unwraps), alone and in a batch', async () => {
    const record = ctr('ctr-03-inbound-abandoned-in-queue.json');
    const envelope = { version: '0', id: 'e-1', 'detail-type': 'Amazon Connect Contact Trace Record', source: 'buddie.ctr-pipe', account: '111122223333', time: '2024-03-12T15:00:00Z', region: 'us-east-1', resources: [], detail: record };
    const single = await post(envelope);
    expect(single.status).toBe(200);
    expect((await json(single)).results[0]).toMatchObject({ contactId: record.ContactId, outcome: 'created' });
    const kinesisRecord = { ...envelope, detail: { data: Buffer.from(JSON.stringify({ ...record, ContactId: 'c0ffee00-0000-4000-8000-0000000000cc' })).toString('base64') } };
    const contactEvent = { ...envelope, 'detail-type': 'Amazon Connect Contact Event', source: 'aws.connect', detail: { eventType: 'QUEUED', contactId: 'x' } };
    const batch = await json(await post([kinesisRecord, contactEvent]));
    expect(batch.results[0]).toMatchObject({ contactId: 'c0ffee00-0000-4000-8000-0000000000cc', outcome: 'created' });
    expect(batch.results[1].error.issues[0]).toMatchObject({ path: 'detail-type', message: expect.stringContaining('not a contact trace record') });
  });

  it('stores the good records of a mixed batch and reports each bad one with field paths (207)', async () => {
    const good = ctr('ctr-06-queued-callback.json');
    const bad = { ...ctr('ctr-08-ivr-error-flow-disconnect.json'), InitiationTimestamp: '12/03/2024' };
    const response = await post({ records: [bad, good] });
    const body = await json(response);
    expect(response.status).toBe(207);
    expect(body.results[0]).toMatchObject({ index: 0, error: { code: 'CONNECT_VALIDATION' } });
    expect(body.results[0].error.issues.map((i: { path: string }) => i.path)).toContain('InitiationTimestamp');
    expect(body.results[1]).toMatchObject({ index: 1, contactId: good.ContactId });
    expect(await contacts.get(bad.ContactId)).toBeUndefined();
  });

  it.each([
    ['a single invalid record', { ContactId: '' }, 400, 'CONNECT_VALIDATION'],
    ['a JSON string instead of a record', '"hello"', 400, 'INVALID_INPUT'],
    ['malformed JSON', '{"ContactId":', 400, 'INVALID_INPUT'],
    ['an empty batch', [], 400, 'INVALID_INPUT'],
    ['more records than allowed', Array.from({ length: 6 }, () => ({})), 400, 'INVALID_INPUT'],
    ['a body over the size cap', { pad: 'x'.repeat(1024 * 1024 + 10) }, 413, 'PAYLOAD_TOO_LARGE'],
    ['a blank ContactId', { ...ctr('ctr-07-chat.json'), ContactId: '   ' }, 400, 'CONNECT_VALIDATION'],
    ['a ContactId with path characters', { ...ctr('ctr-07-chat.json'), ContactId: '../../etc/passwd' }, 400, 'CONNECT_VALIDATION'],
    ['a ContactId with an emoji', { ...ctr('ctr-07-chat.json'), ContactId: 'call-\u{1F4DE}' }, 400, 'CONNECT_VALIDATION'],
    ['a ContactId with a newline', { ...ctr('ctr-07-chat.json'), ContactId: 'c1\n[ingestion] FORGED line' }, 400, 'CONNECT_VALIDATION'],
    ['a LastUpdateTimestamp in 2099', { ...ctr('ctr-07-chat.json'), ContactId: 'future-http', LastUpdateTimestamp: '2099-01-01T00:00:00Z' }, 400, 'TIMESTAMP_IN_FUTURE'],
    ['a 600 KB record', { ...ctr('ctr-07-chat.json'), ContactId: 'large-http', Padding: 'x'.repeat(600 * 1024) }, 400, 'ITEM_TOO_LARGE'],
    ['a record nested 40 deep', { ...ctr('ctr-07-chat.json'), ContactId: 'deep-http', Nested: JSON.parse('{"n":'.repeat(40) + '1' + '}'.repeat(40)) }, 400, 'ITEM_TOO_DEEP'],
  ])('rejects %s with its 4xx status and a reason', async (_label, body, status, code) => {
    const response = await post(body);
    expect(response.status).toBe(status);
    const reply = await json(response);
    expect(reply.error.code).toBe(code);
    expect(typeof reply.error.message).toBe('string');
    expect(JSON.stringify(reply)).not.toMatch(/stack|node_modules|at .*\.ts/);
  });

  it('requires a key with the ingest scope, always', async () => {
    expect((await post(ctr('ctr-07-chat.json'), {})).status).toBe(401);
    expect((await post(ctr('ctr-07-chat.json'), { 'x-api-key': 'wrong' })).status).toBe(401);
    expect((await post(ctr('ctr-07-chat.json'), { 'x-api-key': keys.read })).status).toBe(403);
    // ingest is granted on its own: not even an admin key may feed the intake.
    expect((await post(ctr('ctr-07-chat.json'), { 'x-api-key': keys.admin })).status).toBe(403);
  });
});

describe('POST /ingest/ctr: bodies are JSON only', () => {
  let env: TestEnvironment;
  let app: NestFastifyApplication;
  let url: string;
  let key: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    key = (await new ApiKeyRepository(createDynamoClients(env.config).doc, env.physical('api-keys')).create({ name: 'i', scopes: ['ingest'], createdAt: new Date().toISOString() })).key;
    const config = loadConfig(IngestionConfig, env.env);
    app = await bootstrapService('ingestion', IngestionModule.forRoot(config), config, { bodyLimitBytes: config.MAX_BODY_BYTES });
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    await app.close();
    await env.close();
  });

  it.each(['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x'])('given %s, then 415 and nothing is stored', async (type) => {
    const response = await fetch(`${url}/ingest/ctr`, { method: 'POST', headers: { 'content-type': type, 'x-api-key': key }, body: 'ContactId=x&LastUpdateTimestamp=2024-01-01T00:00:00Z' });
    expect(response.status).toBe(415);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('then every response carries the security headers', async () => {
    const response = await fetch(`${url}/health`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
