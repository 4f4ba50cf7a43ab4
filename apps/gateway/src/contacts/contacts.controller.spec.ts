import type { GatewayConfig } from '@buddie/config';
import { NotFoundError } from '@buddie/domain';
import type { ContactItem, ContactListQuery, ContactRepository, Page } from '@buddie/persistence';
import type { Principal } from '@buddie/runtime';
import { readJson, sharedPath } from '../../../../libs/testing/src/fixtures';
import { ContactPrivacy } from './contact-privacy';
import { ContactsController } from './contacts.controller';

const CTR_01 = readJson<Record<string, unknown> & { ContactId: string }>(sharedPath('fixtures', 'synthetic', 'ctr-01-inbound-answered-recorded.json'));

/** A contact as ingestion stores it, its full CTR kept inside. */
const stored = (contactId: string, conversationId = contactId): ContactItem => ({
  contactId,
  conversationId,
  channel: 'VOICE',
  initiationMethod: 'INBOUND',
  initiationTimestamp: '2024-03-12T14:00:00Z',
  disconnectTimestamp: '2024-03-12T14:10:00Z',
  lastUpdateTimestamp: '2024-03-12T14:11:54Z',
  agentUsername: 'jdoe',
  queueName: 'Billing',
  abandoned: false,
  fingerprint: 'fp',
  ctr: { ...CTR_01, ContactId: contactId },
  status: 'completed',
  ctrUpdatedAtMs: 1,
  pipeline: { ingested: '2024-03-12T14:12:00Z' },
});

/** The contacts port, faked: three legs of one conversation and a lone contact. */
function fakeContacts() {
  const items = [stored('c-1', 'conv-1'), stored('c-2', 'conv-1'), stored('c-3', 'conv-1'), stored('c-9')];
  const queries: ContactListQuery[] = [];
  const port: Pick<ContactRepository, 'list' | 'get' | 'listConversation'> = {
    list: async (query = {}): Promise<Page<ContactItem>> => (queries.push(query), { items: items.slice(0, 2), nextCursor: 'next-page' }),
    get: async (contactId) => items.find((c) => c.contactId === contactId),
    listConversation: async (conversationId) => items.filter((c) => c.conversationId === conversationId),
  };
  return { port: port as ContactRepository, queries };
}

const caller = (...scopes: Principal['scopes']): { principal: Principal } => ({ principal: { keyId: 'k', name: 'k', scopes } });

function given(allowList = 'callReason') {
  const contacts = fakeContacts();
  const controller = new ContactsController(contacts.port, new ContactPrivacy({ CONTACT_ATTRIBUTE_ALLOW_LIST: allowList } as GatewayConfig));
  return { controller, queries: contacts.queries };
}

describe('ContactsController (least data unless the key has pii)', () => {
  it('given a key without pii, then the caller number is masked, only allow-listed attributes remain, and the system number is left alone', async () => {
    const { controller } = given('callReason');

    const contact = await controller.get({ id: 'c-1' }, caller('read'));

    expect(contact.ctr.CustomerEndpoint).toEqual({ Address: '+*******0142', Type: 'TELEPHONE_NUMBER' });
    expect(contact.ctr.Attributes).toEqual({ callReason: 'billing' });
    expect(JSON.stringify(contact)).not.toContain('3125550142');
    expect((contact.ctr.SystemEndpoint as { Address: string }).Address).toBe('+12065550100');
  });

  it('given a key with pii, then the stored CTR is served as it is', async () => {
    const { controller } = given();

    const contact = await controller.get({ id: 'c-1' }, caller('read', 'pii'));

    expect(contact.ctr.CustomerEndpoint).toEqual({ Address: '+13125550142', Type: 'TELEPHONE_NUMBER' });
    expect(contact.ctr.Attributes).toEqual({ callReason: 'billing', accountTier: 'gold', customerFound: 'true' });
  });

  it('given an admin key (admin does not imply pii), then the caller number is masked too', async () => {
    const { controller } = given();
    expect((await controller.get({ id: 'c-1' }, caller('admin'))).ctr.CustomerEndpoint).toEqual({ Address: '+*******0142', Type: 'TELEPHONE_NUMBER' });
  });

  it('lists with the query mapped onto the repository filters, minimizes every item, and passes the cursor on', async () => {
    const { controller, queries } = given();

    const page = await controller.list({ limit: 2, cursor: 'c', channel: 'VOICE', agent: 'jdoe', queue: 'Billing', initiationMethod: 'INBOUND' }, caller('read'));

    expect(queries).toEqual([{ limit: 2, cursor: 'c', channel: 'VOICE', agentUsername: 'jdoe', queueName: 'Billing', initiationMethod: 'INBOUND' }]);
    expect(page.nextCursor).toBe('next-page');
    expect(page.items.map((c) => c.contactId)).toEqual(['c-1', 'c-2']);
    expect(page.items.every((c) => (c.ctr.CustomerEndpoint as { Address: string }).Address === '+*******0142')).toBe(true);
    // Nothing of the stored bookkeeping is served.
    expect(page.items.every((c) => !('fingerprint' in c) && !('ctrUpdatedAtMs' in c))).toBe(true);
  });

  it('serves every leg of a conversation, each minimized', async () => {
    const { controller } = given();

    const conversation = await controller.conversation({ id: 'c-2' }, caller('read'));

    expect(conversation.conversationId).toBe('conv-1');
    expect(conversation.contacts.map((c) => c.contactId)).toEqual(['c-1', 'c-2', 'c-3']);
    expect(JSON.stringify(conversation)).not.toContain('3125550142');
  });

  it('given an unknown contact, then NotFoundError for the contact and for its conversation', async () => {
    const { controller } = given();
    await expect(controller.get({ id: 'nope' }, caller('read'))).rejects.toBeInstanceOf(NotFoundError);
    await expect(controller.conversation({ id: 'nope' }, caller('read'))).rejects.toBeInstanceOf(NotFoundError);
  });
});
