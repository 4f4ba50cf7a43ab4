/**
 * Type-level proof, checked by `npm run typecheck` (tsc fails if an expected error disappears): code
 * compiled against the catalog cannot read a field its producer does not write, nor publish one.
 */
import type { BuddieEventEnvelope, EventDetail } from './event-catalog';
import type { EventPublisher } from './event-publisher';

export function consumerOfAgentStateChanged(detail: EventDetail<'AgentStateChanged'>): string[] {
  // @ts-expect-error agent-monitor writes status.name, never a flat statusName
  void detail.statusName;
  // @ts-expect-error agent-monitor writes queues[].name, never queueNames
  void detail.queueNames;
  // @ts-expect-error hierarchy is in the agent view but the mapper does not publish it
  void detail.hierarchy;
  return [detail.status.name, ...detail.queues.map((queue) => queue.name)];
}

export function consumerOfEnvelope(envelope: BuddieEventEnvelope<'ContactCompleted' | 'SummaryCreated'>): string {
  if (envelope['detail-type'] === 'SummaryCreated') {
    // @ts-expect-error SummaryCreated has no queueName: the detail narrows with detail-type
    void envelope.detail.queueName;
    return envelope.detail.headline;
  }
  return envelope.detail.queueName ?? 'no queue';
}

export async function producer(publisher: EventPublisher): Promise<void> {
  await publisher.publish([{ type: 'TranscriptReady', detail: { contactId: 'c', transcriptLocation: 's3://b/k', format: 'pocketsphinx' } }]);
  // @ts-expect-error a field the catalog does not name cannot be published
  await publisher.publish([{ type: 'TranscriptReady', detail: { contactId: 'c', transcriptLocation: 's3://b/k', format: 'x', transcript: 'raw' } }]);
  // @ts-expect-error a required field cannot be left out
  await publisher.publish([{ type: 'SummaryCreated', detail: { contactId: 'c', headline: 'h', outcome: 'resolved' } }]);
  // @ts-expect-error an enum field takes only the catalog's values
  await publisher.publish([{ type: 'SummaryCreated', detail: { contactId: 'c', headline: 'h', outcome: 'maybe', escalationRecommended: false } }]);
}

describe('catalog types', () => {
  it('are checked by npm run typecheck (the @ts-expect-error lines above); at run time a consumer reads the typed fields', () => {
    expect(consumerOfEnvelope({ 'detail-type': 'SummaryCreated', detail: { headline: 'h' } } as BuddieEventEnvelope<'SummaryCreated'>)).toBe('h');
  });
});
