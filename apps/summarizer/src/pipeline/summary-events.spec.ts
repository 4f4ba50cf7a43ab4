import { EVENT_CATALOG, assertPublishable } from '@buddie/messaging';
import type { SummaryRecord } from '@buddie/persistence';
import { summaryCreated, transcriptReady } from './summary-pipeline';

describe('summarizer event mappers and the catalog', () => {
  const stamped = { correlationId: 'c', occurredAt: '2024-03-12T14:00:00Z' };

  it('TranscriptReady is exactly the catalog shape', () => {
    const event = transcriptReady('c-1', 's3://bucket/redacted/c-1.json', 'pocketsphinx', 'corr');
    expect(() => assertPublishable('TranscriptReady', { ...stamped, ...event.detail, schemaVersion: EVENT_CATALOG.TranscriptReady.version })).not.toThrow();
  });

  it('SummaryCreated carries the stored summary headline, outcome and escalation flag', () => {
    const record = {
      contactId: 'c-1',
      status: 'summarized',
      summary: { headline: 'Card replaced', outcome: 'follow-up-needed', escalation: { recommended: true, reason: 'repeat caller' } },
    } as unknown as SummaryRecord;
    const event = summaryCreated(record, 'corr');
    expect(event.detail).toEqual({ contactId: 'c-1', headline: 'Card replaced', outcome: 'follow-up-needed', escalationRecommended: true, correlationId: 'corr' });
    expect(() => assertPublishable('SummaryCreated', { ...stamped, ...event.detail, schemaVersion: EVENT_CATALOG.SummaryCreated.version })).not.toThrow();
  });
});
