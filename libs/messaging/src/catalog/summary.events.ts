import { z } from 'zod';
import { SUMMARY_OUTCOMES } from '@buddie/domain';
import { defineEvent, nonEmpty } from './event-definition';

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

/** Written by apps/summarizer/src/pipeline/summary-pipeline.ts (summaryCreated). */
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
