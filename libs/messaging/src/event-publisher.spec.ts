import { fixedClock } from '@buddie/domain';
import type { EventBridgeClient, PutEventsCommand, PutEventsCommandOutput } from '@aws-sdk/client-eventbridge';
import { EventPublisher, type PublishableEvent } from './event-publisher';

type Entry = NonNullable<PutEventsCommand['input']['Entries']>[number];

/** A stand-in for the one SDK call the publisher makes, answering in PutEvents' documented per-entry shape. */
function fakeEventBridge(decide: (entries: Entry[], call: number) => PutEventsCommandOutput | Error) {
  const calls: Entry[][] = [];
  const client = {
    send: async (command: PutEventsCommand) => {
      const entries = command.input.Entries ?? [];
      calls.push(entries);
      const result = decide(entries, calls.length);
      if (result instanceof Error) throw result;
      return result;
    },
  } as unknown as EventBridgeClient;
  return { client, calls };
}

const ok = (entries: Entry[]) => ({ FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `e${i}` })), $metadata: {} });
const event = (contactId: string): PublishableEvent => ({
  type: 'SummaryCreated',
  detail: { contactId, headline: 'h', outcome: 'resolved', escalationRecommended: false, correlationId: 'c-1' },
});

describe('EventPublisher', () => {
  it('given 23 events, when published, then it sends batches of at most 10 with source and detail-type from the catalog', async () => {
    const { client, calls } = fakeEventBridge(ok);
    await new EventPublisher(client, { busName: 'buddie', baseDelayMs: 1 }).publish(Array.from({ length: 23 }, (_, i) => event(`c${i}`)));
    expect(calls.map((c) => c.length)).toEqual([10, 10, 3]);
    expect(calls[0][0]).toMatchObject({ EventBusName: 'buddie', Source: 'buddie.summarizer', DetailType: 'SummaryCreated' });
    expect(JSON.parse(calls[0][0].Detail!)).toMatchObject({ contactId: 'c0', correlationId: 'c-1' });
  });

  it('given a response with failed entries, when published, then only the failed entries are retried', async () => {
    const { client, calls } = fakeEventBridge((entries, call) =>
      call === 1
        ? {
            FailedEntryCount: 1,
            Entries: entries.map((_, i) => (i === 1 ? { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' } : { EventId: `e${i}` })),
            $metadata: {},
          }
        : ok(entries),
    );
    await new EventPublisher(client, { busName: 'buddie', baseDelayMs: 1 }).publish([event('a'), event('b'), event('c')]);
    expect(calls).toHaveLength(2);
    expect(calls[1].map((e) => JSON.parse(e.Detail!).contactId)).toEqual(['b']);
  });

  it('given entries that keep failing, when attempts run out, then it throws a transient error naming the cause', async () => {
    const { client, calls } = fakeEventBridge(() => new Error('connect ECONNREFUSED'));
    const publishing = new EventPublisher(client, { busName: 'buddie', baseDelayMs: 1, maxAttempts: 3 }).publish([event('a')]);
    await expect(publishing).rejects.toMatchObject({ code: 'PUBLISH_FAILED', permanent: false });
    await expect(publishing).rejects.toThrow('ECONNREFUSED');
    expect(calls).toHaveLength(3);
  });

  it('stamps occurredAt from the injected clock and adds a correlation id when the caller has none', async () => {
    const { client, calls } = fakeEventBridge(ok);
    const publisher = new EventPublisher(client, { busName: 'b', clock: fixedClock('2024-03-12T14:00:00.000Z') });
    await publisher.publish([{ type: 'TranscriptReady', detail: { contactId: 'x', transcriptLocation: 's3', format: 'contact-lens' } }]);
    const detail = JSON.parse(calls[0][0].Detail!);
    expect(detail.occurredAt).toBe('2024-03-12T14:00:00.000Z');
    expect(detail.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
