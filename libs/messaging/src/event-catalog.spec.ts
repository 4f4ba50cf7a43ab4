import type { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { BUDDIE_EVENT_TYPES, EVENT_CATALOG, EventDetailInvalidError, EventProducerError, assertPublishable, eventSource, parseEventDetail, type EventFields } from './event-catalog';
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
      expect(eventSource(type)).toBe(`buddie.${definition.producers[0]}`);
      for (const producer of definition.producers) expect(eventSource(type, producer)).toBe(`buddie.${producer}`);
    }
  });

  it('names both producers of EscalationUpdated (severity raises and supervisor actions) and one of every other event', () => {
    const shared = BUDDIE_EVENT_TYPES.filter((type) => EVENT_CATALOG[type].producers.length > 1);
    expect(shared).toEqual(['EscalationUpdated']);
    expect(EVENT_CATALOG.EscalationUpdated.producers).toEqual(['escalation', 'gateway']);
    expect(() => eventSource('EscalationCreated', 'gateway')).toThrow(EventProducerError);
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

  it('publishes with the source of the app it belongs to, and refuses (sending nothing) an event that app does not produce', async () => {
    const { client, sent } = recordingClient();
    const escalation: EventFields<'EscalationUpdated'> & { correlationId: string } = {
      correlationId: 'corr-1', escalationId: 'c-1:ivr-system-failure', version: 2, subjectType: 'contact', subjectId: 'c-1', contactId: 'c-1', agentId: null, cause: 'ivr-system-failure', trigger: 'journey-failure',
      severity: 'high', status: 'acknowledged', reasons: ['Lambda failed'], createdAt: '2024-03-12T14:00:00Z', updatedAt: '2024-03-12T14:05:00Z', acknowledgedAt: '2024-03-12T14:05:00Z', acknowledgedBy: 'sam', resolvedAt: null, resolvedBy: null,
    };
    const gateway = new EventPublisher(client, { busName: 'b', app: 'gateway' });
    await gateway.publish([{ type: 'EscalationUpdated', detail: escalation }]);
    expect(sent[0].input.Entries![0].Source).toBe('buddie.gateway');
    await expect(gateway.publish([{ type: 'EscalationUpdated', detail: escalation }, { type: 'EscalationCreated', detail: { ...escalation, status: 'open' } }])).rejects.toThrow(
      'gateway is not a producer of EscalationCreated (the catalog names escalation)',
    );
    expect(sent).toHaveLength(1);
  });

  it('rejects a field the catalog does not name', async () => {
    const { client, sent } = recordingClient();
    const extra = { type: 'TranscriptReady', detail: { contactId: 'c', transcriptLocation: 's3://b/k', format: 'pocketsphinx', statusName: 'x' } } as unknown as PublishableEvent;
    await expect(new EventPublisher(client, { busName: 'b' }).publish([extra])).rejects.toThrow(/Unrecognized key.*statusName/);
    expect(sent).toHaveLength(0);
  });
});
