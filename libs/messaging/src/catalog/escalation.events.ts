import { defineEvent, nonEmpty } from './event-definition';

// PLACEHOLDERS, owned by the escalation work (issue 12): only the key is typed so far.

export const EscalationCreated = defineEvent({
  type: 'EscalationCreated',
  producer: 'escalation',
  version: 1,
  summary: 'an escalation was opened (placeholder)',
  fields: { escalationId: nonEmpty },
});

export const EscalationUpdated = defineEvent({
  type: 'EscalationUpdated',
  producer: 'escalation',
  version: 1,
  summary: 'an escalation changed (placeholder)',
  fields: { escalationId: nonEmpty },
});
