import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IngestionConfig, loadConfig } from '@buddie/config';
import { ContactRepository, createDynamoClients } from '@buddie/persistence';
import { bootstrapService } from '@buddie/runtime';
import { createTestEnvironment, type TestEnvironment } from '@buddie/testing';
import { readJson, sharedPath } from '../../../libs/connect/src/testing';
import { IngestionModule } from '../src/ingestion.module';

// Response bodies are checked field by field below.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const json = async (response: Response): Promise<Json> => response.json();
const ctr = (name: string) => readJson(sharedPath('fixtures', 'synthetic', name)) as Record<string, unknown> & { ContactId: string };

describe('POST /ingest/ctr', () => {
  let env: TestEnvironment;
  let app: NestFastifyApplication;
  let url: string;
  let contacts: ContactRepository;

  const post = (body: unknown, headers: Record<string, string> = { 'x-api-key': 'ingest-secret' }) =>
    fetch(`${url}/ingest/ctr`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  beforeAll(async () => {
    env = await createTestEnvironment({ INGEST_API_KEY: 'ingest-secret', MAX_BODY_BYTES: '65536', MAX_BATCH_RECORDS: '5' });
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
    expect(again.results[0]).toMatchObject({ outcome: 'stale', published: false });
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
    ['a body over the size cap', { pad: 'x'.repeat(70000) }, 413, 'PAYLOAD_TOO_LARGE'],
  ])('rejects %s with its 4xx status and a reason', async (_label, body, status, code) => {
    const response = await post(body);
    expect(response.status).toBe(status);
    const reply = await json(response);
    expect(reply.error.code).toBe(code);
    expect(typeof reply.error.message).toBe('string');
    expect(JSON.stringify(reply)).not.toMatch(/stack|node_modules|at .*\.ts/);
  });

  it('requires the configured key', async () => {
    expect((await post(ctr('ctr-07-chat.json'), {})).status).toBe(401);
    expect((await post(ctr('ctr-07-chat.json'), { 'x-api-key': 'wrong' })).status).toBe(401);
  });
});
