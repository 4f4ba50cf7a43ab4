import { z } from 'zod';
import { defineEvent, isoTimestamp, nonEmpty } from './event-definition';

/** Written by apps/ingestion/src/contact.mapper.ts (toContactCompleted). */
export const ContactCompleted = defineEvent({
  type: 'ContactCompleted',
  producer: 'ingestion',
  version: 1,
  summary: 'a contact was stored from a new or materially changed CTR',
  fields: {
    contactId: nonEmpty,
    conversationId: nonEmpty,
    channel: nonEmpty,
    initiationMethod: nonEmpty,
    initiationTimestamp: isoTimestamp,
    disconnectTimestamp: isoTimestamp.nullable(),
    lastUpdateTimestamp: isoTimestamp,
    agentUsername: z.string().nullable(),
    queueName: z.string().nullable(),
    abandoned: z.boolean(),
    /** S3 locations (bucket/key, no scheme, as Connect writes them) of audio and chat transcripts. */
    recordings: z.array(z.object({ location: nonEmpty, mediaStreamType: z.string().nullable(), status: z.string().nullable() }).strict()),
    /** True when this contact was already announced and a newer CTR changed it materially. */
    update: z.boolean(),
  },
});
