import { ContactRepository, createDynamoClients } from '@buddie/persistence';
import { connectLive, subscribe } from './live-client';
import { GatewayHarness, type RunningGateway } from './gateway.harness';

const CALLER = '+12065550100';

describe('contacts without the pii scope: caller number masked, attributes allow-listed', () => {
  let harness: GatewayHarness;
  let gateway: RunningGateway;
  let keys: { read: string; pii: string };

  const get = async (path: string, key: string) => {
    const response = await fetch(`${gateway.url}${path}`, { headers: { 'x-api-key': key } });
    return { status: response.status, text: await response.text() };
  };

  beforeAll(async () => {
    harness = await GatewayHarness.create();
    gateway = await harness.start({ CONTACT_ATTRIBUTE_ALLOW_LIST: 'intent' });
    keys = { read: (await harness.key('read')).key, pii: (await harness.key(['read', 'pii'])).key };
    const at = new Date().toISOString();
    await new ContactRepository(createDynamoClients(harness.env.config).doc, harness.env.physical('contacts')).upsertCtr(
      {
        contactId: 'c-pii-1',
        conversationId: 'c-pii-1',
        channel: 'VOICE',
        initiationMethod: 'INBOUND',
        initiationTimestamp: at,
        disconnectTimestamp: at,
        lastUpdateTimestamp: at,
        agentUsername: 'jdoe',
        queueName: 'Billing',
        abandoned: false,
        fingerprint: 'f1',
        ctr: { ContactId: 'c-pii-1', CustomerEndpoint: { Address: CALLER, Type: 'TELEPHONE_NUMBER' }, Attributes: { intent: 'billing', accountNumber: '99887766' } },
      },
      at,
    );
  });
  afterAll(() => harness.close());

  it('given a read key, then list, detail and conversation serve the number masked and only allow-listed attributes', async () => {
    for (const path of ['/api/v1/contacts', '/api/v1/contacts/c-pii-1', '/api/v1/contacts/c-pii-1/conversation']) {
      const reply = await get(path, keys.read);
      expect({ path, status: reply.status }).toEqual({ path, status: 200 });
      expect(reply.text).not.toContain(CALLER);
      expect(reply.text).not.toContain('2065550100');
      expect(reply.text).toContain('+*******0100');
      expect(reply.text).not.toContain('99887766');
      expect(reply.text).toContain('"intent":"billing"');
    }
  });

  it('given a key with the pii scope, then the stored record is served as it is', async () => {
    const reply = await get('/api/v1/contacts/c-pii-1', keys.pii);
    expect(reply.text).toContain(CALLER);
    expect(reply.text).toContain('99887766');
  });

  it('given the live contacts snapshot, then no caller number reaches the socket', async () => {
    const live = await connectLive(gateway.url, { apiKey: keys.read });
    const snapshot = await subscribe(live.socket, 'contacts');
    expect(snapshot.ok).toBe(true);
    expect(JSON.stringify(snapshot)).toContain('c-pii-1');
    expect(JSON.stringify(snapshot)).not.toContain('2065550100');
    live.socket.disconnect();
  });
});
