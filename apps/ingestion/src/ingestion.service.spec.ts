import type { IngestionConfig } from '@buddie/config';
import { ConnectValidationError } from '@buddie/connect';
import { BuddieError, fixedClock, InvalidInputError } from '@buddie/domain';
import type { EventPublisher, PublishableEvent } from '@buddie/messaging';
import { MetricsRegistry } from '@buddie/observability';
import type { ContactCtrWrite, ContactItem, ContactRepository, CtrUpsertOutcome, CtrUpsertResult } from '@buddie/persistence';
import { readJson, sharedPath } from '../../../libs/testing/src/fixtures';
import { IngestionService } from './ingestion.service';

type Ctr = Record<string, unknown> & { ContactId: string; LastUpdateTimestamp: string; InstanceARN: string };

const CTR_01 = readJson<Ctr>(sharedPath('fixtures', 'synthetic', 'ctr-01-inbound-answered-recorded.json'));
const CONNECTED_TO_AGENT = readJson<Record<string, unknown>>(sharedPath('fixtures', 'real', 'connect-docs', 'contact-event-connected-to-agent.detail.json'));
/** One minute after the fixture's LastUpdateTimestamp (2024-03-12T14:11:54Z). */
const NOW = '2024-03-12T14:12:54.000Z';

/** The stored item a repository answers with: the write as it was kept, announced or not. */
const stored = (write: ContactCtrWrite, publishedFingerprint?: string): ContactItem => ({
  ...write,
  status: 'completed',
  ctrUpdatedAtMs: Date.parse(write.lastUpdateTimestamp),
  pipeline: { ingested: NOW },
  ...(publishedFingerprint ? { publishedFingerprint } : {}),
});

/** The contacts port, faked in memory: each upsert answers what `answer` decides, every call is recorded. */
function fakeContacts(answer: (write: ContactCtrWrite) => CtrUpsertResult) {
  const calls = { upserts: [] as { write: ContactCtrWrite; ingestedAt: string }[], published: [] as [string, string][], contactEvents: [] as [string, string, string, string][] };
  const port: Pick<ContactRepository, 'upsertCtr' | 'markPublished' | 'recordContactEvent'> = {
    upsertCtr: async (write, ingestedAt) => {
      calls.upserts.push({ write, ingestedAt });
      return answer(write);
    },
    markPublished: async (contactId, fingerprint) => {
      calls.published.push([contactId, fingerprint]);
    },
    recordContactEvent: async (contactId, eventType, timestamp, conversationId) => {
      calls.contactEvents.push([contactId, eventType, timestamp, conversationId]);
    },
  };
  return { port: port as ContactRepository, calls };
}

/** The publisher port: keeps what it was given, or fails as EventBridge can. */
function fakePublisher(fail?: Error) {
  const events: PublishableEvent[] = [];
  const port: Pick<EventPublisher, 'publish'> = {
    publish: async (batch) => {
      if (fail) throw fail;
      events.push(...(batch as unknown as PublishableEvent[]));
    },
  };
  return { port: port as EventPublisher, events };
}

function given(answer: (write: ContactCtrWrite) => CtrUpsertResult, options: { publishFails?: Error; maxSkewSeconds?: number } = {}) {
  const contacts = fakeContacts(answer);
  const publisher = fakePublisher(options.publishFails);
  const metrics = new MetricsRegistry();
  const config = { MAX_CLOCK_SKEW_SECONDS: options.maxSkewSeconds ?? 300 } as IngestionConfig;
  const service = new IngestionService(contacts.port, publisher.port, metrics, fixedClock(NOW), config);
  return { service, contacts: contacts.calls, events: publisher.events, metrics };
}

const answering =
  (outcome: CtrUpsertOutcome, options: { announced?: boolean } = {}) =>
  (write: ContactCtrWrite): CtrUpsertResult => {
    const contact = stored(write, options.announced ? write.fingerprint : undefined);
    return { outcome, contact, needsPublish: !options.announced };
  };

describe('IngestionService', () => {
  describe('a CTR', () => {
    it('given a new contact, when its CTR arrives, then it is stored as of the clock, ContactCompleted announces the stored copy, and only then is it marked published', async () => {
      const { service, contacts, events, metrics } = given(answering('created'));

      const result = await service.ingestMessage(JSON.stringify(CTR_01), 'corr-1');

      expect(result).toEqual({ contactId: CTR_01.ContactId, outcome: 'created', published: true });
      expect(contacts.upserts).toHaveLength(1);
      expect(contacts.upserts[0].ingestedAt).toBe(NOW);
      expect(contacts.upserts[0].write).toMatchObject({ contactId: CTR_01.ContactId, lastUpdateTimestamp: CTR_01.LastUpdateTimestamp, channel: 'VOICE' });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        type: 'ContactCompleted',
        detail: { contactId: CTR_01.ContactId, correlationId: 'corr-1', update: false },
        resources: [`${CTR_01.InstanceARN}/contact/${CTR_01.ContactId}`],
      });
      expect(contacts.published).toEqual([[CTR_01.ContactId, contacts.upserts[0].write.fingerprint]]);
      expect(metrics.value('buddie_ingestion_ctrs_total', { outcome: 'created' })).toBe(1);
    });

    it('given a contact announced before, when a changed copy is stored, then ContactCompleted says it is an update', async () => {
      const { service, events } = given((write) => ({ outcome: 'updated', contact: stored(write, 'an-older-fingerprint'), needsPublish: true }));

      await service.ingestMessage(JSON.stringify(CTR_01), 'corr-2');

      expect(events.map((e) => e.type === 'ContactCompleted' && e.detail.update)).toEqual([true]);
    });

    it.each<CtrUpsertOutcome>(['unchanged', 'duplicate', 'stale'])('given the stored copy is already announced (%s), then nothing is published or marked', async (outcome) => {
      const { service, contacts, events, metrics } = given(answering(outcome, { announced: true }));

      const result = await service.ingestMessage(JSON.stringify(CTR_01), 'corr-3');

      expect(result).toEqual({ contactId: CTR_01.ContactId, outcome, published: false });
      expect(events).toEqual([]);
      expect(contacts.published).toEqual([]);
      expect(metrics.value('buddie_ingestion_ctrs_total', { outcome })).toBe(1);
    });

    it('given a stale copy while the stored one was never announced (a crash before markPublished), then the stored copy is announced, not the incoming one', async () => {
      const newer = { ...CTR_01, LastUpdateTimestamp: '2024-03-12T14:12:00Z', Attributes: { kept: 'yes' } };
      const { service, events } = given((write) => ({ outcome: 'stale', contact: stored({ ...write, lastUpdateTimestamp: newer.LastUpdateTimestamp }), needsPublish: true }));

      await service.ingestMessage(JSON.stringify(CTR_01), 'corr-4');

      expect(events.map((e) => e.type === 'ContactCompleted' && e.detail.lastUpdateTimestamp)).toEqual([newer.LastUpdateTimestamp]);
    });

    it('given EventBridge fails, then the error reaches the caller (the message is redelivered) and the contact is not marked published', async () => {
      const { service, contacts } = given(answering('created'), { publishFails: new Error('PutEvents failed') });

      await expect(service.ingestMessage(JSON.stringify(CTR_01), 'corr-5')).rejects.toThrow('PutEvents failed');

      expect(contacts.upserts).toHaveLength(1);
      expect(contacts.published).toEqual([]);
    });

    it('given a LastUpdateTimestamp beyond the allowed clock skew, then TIMESTAMP_IN_FUTURE (permanent, with its field) and nothing is stored', async () => {
      const { service, contacts, metrics } = given(answering('created'), { maxSkewSeconds: 30 });
      const ahead = { ...CTR_01, LastUpdateTimestamp: '2024-03-12T14:13:30Z' };

      const error = await service.ingestMessage(JSON.stringify(ahead), 'corr-6').catch((e: unknown) => e);

      expect(error).toBeInstanceOf(BuddieError);
      expect(error).toMatchObject({ code: 'TIMESTAMP_IN_FUTURE', permanent: true, details: [{ path: 'LastUpdateTimestamp' }] });
      expect(contacts.upserts).toEqual([]);
      expect(metrics.value('buddie_ingestion_rejected_total', { reason: 'future-timestamp' })).toBe(1);
    });

    it('given a timestamp within the skew, then it is accepted', async () => {
      const { service, contacts } = given(answering('created'), { maxSkewSeconds: 30 });

      await service.ingestMessage(JSON.stringify({ ...CTR_01, LastUpdateTimestamp: '2024-03-12T14:13:20Z' }), 'corr-7');

      expect(contacts.upserts).toHaveLength(1);
    });

    it('given a CTR whose item would pass DynamoDB size limit, then ITEM_TOO_LARGE and nothing is stored', async () => {
      const { service, contacts, metrics } = given(answering('created'));
      const huge = { ...CTR_01, Attributes: { notes: 'x'.repeat(420 * 1024) } };

      await expect(service.ingestMessage(JSON.stringify(huge), 'corr-8')).rejects.toMatchObject({ code: 'ITEM_TOO_LARGE', permanent: true });

      expect(contacts.upserts).toEqual([]);
      expect(metrics.value('buddie_ingestion_rejected_total', { reason: 'item-too-large' })).toBe(1);
    });
  });

  describe('a message that is not a CTR', () => {
    it('given a contact event envelope, then the event time is recorded on the contact with its initial contact id, and nothing is published', async () => {
      const { service, contacts, events, metrics } = given(answering('created'));
      const envelope = {
        version: '0',
        id: 'ev-1',
        'detail-type': 'Amazon Connect Contact Event',
        source: 'aws.connect',
        account: '123456789012',
        time: '2021-08-04T17:29:09Z',
        region: 'us-west-2',
        resources: [],
        detail: CONNECTED_TO_AGENT,
      };

      const result = await service.ingestMessage(JSON.stringify(envelope), 'corr-9');

      expect(result).toEqual({ contactId: CONNECTED_TO_AGENT.contactId, outcome: 'contact-event-recorded', eventType: 'CONNECTED_TO_AGENT' });
      expect(contacts.contactEvents).toEqual([[CONNECTED_TO_AGENT.contactId, 'CONNECTED_TO_AGENT', '2021-08-04T17:29:09Z', CONNECTED_TO_AGENT.contactId]]);
      expect(contacts.upserts).toEqual([]);
      expect(events).toEqual([]);
      expect(metrics.value('buddie_ingestion_contact_events_total', { type: 'CONNECTED_TO_AGENT' })).toBe(1);
    });

    it('given a body that is not JSON, then an InvalidInputError and a rejection counted as not-json', async () => {
      const { service, contacts, metrics } = given(answering('created'));

      await expect(service.ingestMessage('{"ContactId":', 'corr-10')).rejects.toBeInstanceOf(InvalidInputError);

      expect(contacts.upserts).toEqual([]);
      expect(metrics.value('buddie_ingestion_rejected_total', { reason: 'not-json' })).toBe(1);
    });

    it('given JSON that is neither a CTR nor an envelope, then a ConnectValidationError naming the problems, and nothing is stored', async () => {
      const { service, contacts, metrics } = given(answering('created'));

      const error = await service.ingestMessage(JSON.stringify({ ContactId: CTR_01.ContactId }), 'corr-11').catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ConnectValidationError);
      expect((error as ConnectValidationError).issues.length).toBeGreaterThan(0);
      expect(contacts.upserts).toEqual([]);
      expect(metrics.value('buddie_ingestion_rejected_total', { reason: 'invalid' })).toBe(1);
    });
  });
});
