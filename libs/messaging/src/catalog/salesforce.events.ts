import { z } from 'zod';
import { defineEvent, nonEmpty } from './event-definition';

const common = {
  /** The sync record (`case:<InitialContactId>` or `task:<escalationId>`), as GET /api/v1/sync-status serves it. */
  recordKey: nonEmpty,
  kind: z.enum(['case', 'task']),
  /** The contact (one event per leg of a conversation's Case); null for a Task about no call. */
  contactId: nonEmpty.nullable(),
  /** The escalation behind a Task; null for a Case. */
  escalationId: nonEmpty.nullable(),
  sobject: nonEmpty,
};

/** Written by apps/salesforce-sync/src/sync/salesforce-sync.events.ts (syncedEvents). */
export const SalesforceSynced = defineEvent({
  type: 'SalesforceSynced',
  producer: 'salesforce-sync',
  version: 1,
  summary: 'Salesforce confirmed the upsert of a Case (per leg) or Task',
  fields: { ...common, salesforceId: nonEmpty, created: z.boolean() },
});

/** Written by apps/salesforce-sync/src/sync/salesforce-sync.events.ts (failedEvents). */
export const SalesforceSyncFailed = defineEvent({
  type: 'SalesforceSyncFailed',
  producer: 'salesforce-sync',
  version: 1,
  summary: "Salesforce rejected a record (or it could not be mapped); Salesforce's message is the reason",
  fields: { ...common, errorCode: nonEmpty, reason: z.string() },
});
