import { z } from 'zod';
import { defineEvent, nonEmpty } from './event-definition';

// PLACEHOLDERS, owned by the salesforce-sync work (issue 13): only the keys are typed so far.

export const SalesforceSynced = defineEvent({
  type: 'SalesforceSynced',
  producer: 'salesforce-sync',
  version: 1,
  summary: 'a Buddie record was written to Salesforce (placeholder)',
  fields: { recordType: nonEmpty, recordId: nonEmpty },
});

export const SalesforceSyncFailed = defineEvent({
  type: 'SalesforceSyncFailed',
  producer: 'salesforce-sync',
  version: 1,
  summary: 'a Buddie record could not be written to Salesforce (placeholder)',
  fields: { recordType: nonEmpty, recordId: nonEmpty, reason: z.string() },
});
