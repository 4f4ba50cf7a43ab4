import type { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { BUDDIE_EVENT_TYPES, EVENT_CATALOG, EventDetailInvalidError, assertPublishable, eventSource, parseEventDetail } from './event-catalog';
import { EventPublisher, type PublishableEvent } from './event-publisher';

function recordingClient() {
  const sent: PutEventsCommand[] = [];
  const client = {
    send: async (command: PutEventsCommand) => {
      sent.push(command);
      return { FailedEntryCount: 0, Entries: (command.input.Entries ?? []).map((_, i) => ({ EventId: `e${i}` })), $metadata: {} };
    },
  } as unknown as EventBridgeClient;
  return { client, sent };
}

const summary = { contactId: 'c-1', headline: 'Card replaced', outcome: 'resolved' as const, escalationRecommended: false };

describe('event catalog', () => {
  it('defines every event once, with its producer, a schema version and its fields', () => {
    expect(BUDDIE_EVENT_TYPES).toHaveLength(12);
    for (const type of BUDDIE_EVENT_TYPES) {
      const definition = EVENT_CATALOG[type];
      expect(definition.type).toBe(type);
      expect(definition.version).toBeGreaterThanOrEqual(1);
      expect(definition.fields.length).toBeGreaterThan(0);
      expect(eventSource(type)).toBe(`buddie.${definition.producer}`);
    }
  });

  it('given a detail with a wrong nested field, when validated for a consumer, then the error names the field path', () => {
    const detail = { ...summary, outcome: 'maybe', schemaVersion: 1, correlationId: 'x', occurredAt: '2024-03-12T14:00:00Z' };
    const error = (() => {
      try {
        parseEventDetail('SummaryCreated', detail);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(EventDetailInvalidError);
    expect(error).toMatchObject({ code: 'EVENT_DETAIL_INVALID', permanent: true, issues: [expect.objectContaining({ path: 'outcome' })] });
    expect((error as Error).message).toContain('detail.outcome:');
  });

  it('names array positions in the path', () => {
    expect(() =>
      parseEventDetail('ContactCompleted', {
        schemaVersion: 1,
        correlationId: 'x',
        occurredAt: '2024-03-12T14:00:00Z',
        contactId: 'c',
        conversationId: 'c',
        channel: 'VOICE',
        initiationMethod: 'INBOUND',
        initiationTimestamp: '2024-03-12T14:00:00Z',
        disconnectTimestamp: null,
        lastUpdateTimestamp: '2024-03-12T14:00:00Z',
        agentUsername: null,
        queueName: null,
        abandoned: false,
        recordings: [{ location: 'b/k', mediaStreamType: null, status: null }, { location: 42, mediaStreamType: null, status: null }],
        update: false,
      }),
    ).toThrow('detail.recordings[1].location:');
  });

  it('given a detail of another schema version, when a consumer validates it, then it is rejected on schemaVersion', () => {
    expect(() => parseEventDetail('SummaryCreated', { ...summary, schemaVersion: 2, correlationId: 'x', occurredAt: '2024-03-12T14:00:00Z' })).toThrow(
      'detail.schemaVersion:',
    );
  });

  it('consumers see only the fields the catalog names; producers may not add any', () => {
    const detail = { ...summary, schemaVersion: 1, correlationId: 'x', occurredAt: '2024-03-12T14:00:00Z', transcript: 'raw words' };
    expect(parseEventDetail('SummaryCreated', detail)).not.toHaveProperty('transcript');
    expect(() => assertPublishable('SummaryCreated', detail)).toThrow(EventDetailInvalidError);
  });
});

describe('EventPublisher and the catalog', () => {
  it('stamps the schema version from the catalog', async () => {
    const { client, sent } = recordingClient();
    await new EventPublisher(client, { busName: 'b' }).publish([{ type: 'SummaryCreated', detail: summary }]);
    expect(JSON.parse(sent[0].input.Entries![0].Detail!)).toMatchObject({ ...summary, schemaVersion: EVENT_CATALOG.SummaryCreated.version });
  });

  it('given one invalid detail among valid ones, when published, then it throws a typed error with the field path and sends nothing', async () => {
    const { client, sent } = recordingClient();
    // Reaches run time only through a cast (an untyped source): the compiler rejects it otherwise.
    const invalid = { type: 'SummaryCreated', detail: { ...summary, escalationRecommended: 'yes' } } as unknown as PublishableEvent;
    const publishing = new EventPublisher(client, { busName: 'b' }).publish([{ type: 'SummaryCreated', detail: summary }, invalid]);
    await expect(publishing).rejects.toBeInstanceOf(EventDetailInvalidError);
    await expect(publishing).rejects.toThrow('detail.escalationRecommended:');
    expect(sent).toHaveLength(0);
  });

  it('rejects a field the catalog does not name', async () => {
    const { client, sent } = recordingClient();
    const extra = { type: 'TranscriptReady', detail: { contactId: 'c', transcriptLocation: 's3://b/k', format: 'pocketsphinx', statusName: 'x' } } as unknown as PublishableEvent;
    await expect(new EventPublisher(client, { busName: 'b' }).publish([extra])).rejects.toThrow(/Unrecognized key.*statusName/);
    expect(sent).toHaveLength(0);
  });
});
