import { z } from 'zod';
import { defineEvent, nonEmpty } from './event-definition';

// PLACEHOLDERS, owned by the ivr-journey work (issue 12): only the key is typed so far. Whoever writes
// the producer replaces `fields` with exactly what its mapper emits (see catalog/README in event-catalog.ts).

export const JourneyRecorded = defineEvent({
  type: 'JourneyRecorded',
  producer: 'ivr-journey',
  version: 1,
  summary: "a contact's IVR journey was recorded (placeholder)",
  fields: { contactId: nonEmpty },
});

export const JourneyFailed = defineEvent({
  type: 'JourneyFailed',
  producer: 'ivr-journey',
  version: 1,
  summary: 'a journey broke a failure rule (placeholder)',
  fields: { contactId: nonEmpty, failures: z.array(z.object({ rule: nonEmpty }).strict()).min(1) },
});
