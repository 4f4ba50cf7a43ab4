import { z } from 'zod';
import { SUMMARY_OUTCOMES, type CallSummary } from '@buddie/domain';
import { defineEvent, nonEmpty, type DetailOf } from './event-definition';

/** Written by apps/summarizer/src/pipeline/summary-pipeline.ts (transcriptReady). */
export const TranscriptReady = defineEvent({
  type: 'TranscriptReady',
  producer: 'summarizer',
  version: 1,
  summary: 'a redacted transcript of a contact is archived',
  fields: {
    contactId: nonEmpty,
    /** s3:// URI of the redacted transcript. */
    transcriptLocation: nonEmpty,
    /** Where the transcript came from: a detected file format, or 'pocketsphinx' when made locally. */
    format: nonEmpty,
  },
});

/** Written by apps/summarizer/src/pipeline/summary-pipeline.ts through summaryCreatedFields (below). */
export const SummaryCreated = defineEvent({
  type: 'SummaryCreated',
  producer: 'summarizer',
  version: 1,
  summary: 'a contact has its schema-valid summary stored',
  fields: {
    contactId: nonEmpty,
    headline: z.string(),
    outcome: z.enum(SUMMARY_OUTCOMES),
    escalationRecommended: z.boolean(),
  },
});

/** The SummaryCreated fields of a stored summary: the summarizer's mapper, and what tests build the event with. */
export function summaryCreatedFields(record: { contactId: string; summary: Pick<CallSummary, 'headline' | 'outcome' | 'escalation'> }, correlationId: string): Omit<DetailOf<typeof SummaryCreated>, 'schemaVersion' | 'occurredAt'> {
  return { contactId: record.contactId, headline: record.summary.headline, outcome: record.summary.outcome, escalationRecommended: record.summary.escalation.recommended, correlationId };
}
