import type { Checked, FieldIssue } from '../summary/transcript.model';

/** Values a Case field can be filled from (one conversation: every leg's summary and contact). */
export const CASE_SOURCES = [
  'summary.headline',
  'summary.reason',
  'summary.outcome',
  'summary.sentiment',
  'summary.followUps',
  'summary.description',
  'summary.topics',
  'contact.conversationId',
  'contact.contactIds',
  'contact.channel',
  'contact.queueName',
  'contact.agentUsername',
  'contact.callerNumber',
  'contact.initiationTimestamp',
  'link',
  'match.contactId',
  'match.accountId',
] as const;

/** Values a Task field can be filled from (one escalation and the Case it hangs off). */
export const TASK_SOURCES = [
  'escalation.id',
  'escalation.title',
  'escalation.description',
  'escalation.severity',
  'escalation.status',
  'escalation.dueDate',
  'escalation.link',
  'case.id',
  'match.contactId',
] as const;

/** Values a VoiceCall field can be filled from (Service Cloud Voice: the call record Connect's contact became). */
export const VOICE_CALL_SOURCES = ['summary.headline', 'summary.description', 'summary.outcome', 'summary.sentiment', 'link', 'case.id'] as const;

export type CaseSource = (typeof CASE_SOURCES)[number];
export type TaskSource = (typeof TASK_SOURCES)[number];
export type VoiceCallSource = (typeof VOICE_CALL_SOURCES)[number];

/** A field's value: from a source (optionally translated through `map`), or a constant. */
export type FieldRule<S extends string> = { from: S; map?: Record<string, string> } | { value: string | number | boolean };

export interface ObjectMapping<S extends string> {
  sobject: string;
  fields: Record<string, FieldRule<S>>;
}

export interface SalesforceMapping {
  /** summary -> Case, upserted by an External ID field holding the conversation's InitialContactId. */
  case: ObjectMapping<CaseSource> & { externalIdField: string };
  /** escalation -> Task on the Case; upserted by an External ID field holding the escalation id. */
  task: ObjectMapping<TaskSource> & { enabled: boolean; externalIdField: string; dueInDays: Record<string, number> };
  /** Service Cloud Voice orgs: also write onto the VoiceCall whose key field holds the ContactId. */
  voiceCall: ObjectMapping<VoiceCallSource> & { enabled: boolean; keyField: string };
  /** Optional caller match: the first Contact whose phone fields equal the caller's number. */
  contactMatch: { enabled: boolean; sobject: string; phoneFields: string[]; accountField: string };
}

export const DEFAULT_SALESFORCE_MAPPING: SalesforceMapping = {
  case: {
    sobject: 'Case',
    externalIdField: 'Buddie_Contact_Id__c',
    fields: {
      Subject: { from: 'summary.headline' },
      Description: { from: 'summary.description' },
      Buddie_Reason__c: { from: 'summary.reason' },
      Status: { from: 'summary.outcome', map: { resolved: 'Closed', unresolved: 'New', 'follow-up-needed': 'Working' } },
      Origin: { from: 'contact.channel', map: { VOICE: 'Phone', CHAT: 'Web', TASK: 'Web', EMAIL: 'Email' } },
      Buddie_Outcome__c: { from: 'summary.outcome' },
      Buddie_Sentiment__c: { from: 'summary.sentiment' },
      Buddie_Follow_Ups__c: { from: 'summary.followUps' },
      Buddie_Link__c: { from: 'link' },
      ContactId: { from: 'match.contactId' },
      AccountId: { from: 'match.accountId' },
    },
  },
  task: {
    enabled: true,
    sobject: 'Task',
    externalIdField: 'Buddie_Escalation_Id__c',
    dueInDays: { critical: 0, high: 1, medium: 3, low: 7 },
    fields: {
      Subject: { from: 'escalation.title' },
      Description: { from: 'escalation.description' },
      Priority: { from: 'escalation.severity', map: { critical: 'High', high: 'High', medium: 'Normal', low: 'Low' } },
      Status: { from: 'escalation.status', map: { open: 'Not Started', acknowledged: 'In Progress', resolved: 'Completed' } },
      ActivityDate: { from: 'escalation.dueDate' },
      WhatId: { from: 'case.id' },
      WhoId: { from: 'match.contactId' },
    },
  },
  voiceCall: {
    enabled: false,
    sobject: 'VoiceCall',
    keyField: 'VendorCallKey',
    // Not CallDisposition: Service Cloud Voice keeps the call's telephony status there (new, in-progress, completed).
    fields: { Buddie_Summary__c: { from: 'summary.description' }, Buddie_Link__c: { from: 'link' }, RelatedRecordId: { from: 'case.id' } },
  },
  contactMatch: { enabled: false, sobject: 'Contact', phoneFields: ['Phone', 'MobilePhone'], accountField: 'AccountId' },
};

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

function parseFields<S extends string>(input: unknown, path: string, sources: readonly S[], issues: FieldIssue[]): Record<string, FieldRule<S>> {
  const fields: Record<string, FieldRule<S>> = {};
  if (!isRec(input)) {
    issues.push({ path, message: 'must be an object of Salesforce field name -> rule' });
    return fields;
  }
  for (const [name, rule] of Object.entries(input)) {
    const at = `${path}.${name}`;
    if (!API_NAME.test(name)) issues.push({ path: at, message: 'is not a Salesforce field API name' });
    // Shorthand: "Subject": "summary.headline".
    const normalized: unknown = typeof rule === 'string' ? { from: rule } : rule;
    if (!isRec(normalized)) {
      issues.push({ path: at, message: 'must be a source name, { from, map? } or { value }' });
      continue;
    }
    if ('value' in normalized) {
      const value = normalized.value;
      if (!['string', 'number', 'boolean'].includes(typeof value)) issues.push({ path: `${at}.value`, message: 'must be a string, number or boolean' });
      else fields[name] = { value: value as string | number | boolean };
      continue;
    }
    if (typeof normalized.from !== 'string' || !sources.includes(normalized.from as S)) {
      issues.push({ path: `${at}.from`, message: `must be one of ${sources.join(', ')}` });
      continue;
    }
    const map = normalized.map;
    if (map !== undefined && (!isRec(map) || Object.values(map).some((v) => typeof v !== 'string'))) {
      issues.push({ path: `${at}.map`, message: 'must map source values to strings' });
      continue;
    }
    fields[name] = map === undefined ? { from: normalized.from as S } : { from: normalized.from as S, map: map as Record<string, string> };
  }
  return fields;
}

function apiName(input: unknown, fallback: string, path: string, issues: FieldIssue[]): string {
  if (input === undefined) return fallback;
  if (typeof input !== 'string' || !API_NAME.test(input)) {
    issues.push({ path, message: 'must be a Salesforce API name' });
    return fallback;
  }
  return input;
}

function bool(input: unknown, fallback: boolean, path: string, issues: FieldIssue[]): boolean {
  if (input === undefined) return fallback;
  if (typeof input !== 'boolean') issues.push({ path, message: 'must be true or false' });
  return typeof input === 'boolean' ? input : fallback;
}

/**
 * Reads a mapping file (JSON). Every section is optional and replaces the default section's keys it
 * names; `fields` replaces the default field list of its object as a whole, so a field can be dropped.
 * Every problem is reported with its path, so a bad file fails the boot once with the whole list.
 */
export function parseSalesforceMapping(input: unknown): Checked<SalesforceMapping> {
  const issues: FieldIssue[] = [];
  if (!isRec(input)) return { ok: false, issues: [{ path: '', message: 'must be a JSON object' }] };
  const d = DEFAULT_SALESFORCE_MAPPING;
  const section = (key: string): Rec => {
    const value = input[key];
    if (value === undefined) return {};
    if (!isRec(value)) issues.push({ path: key, message: 'must be an object' });
    return isRec(value) ? value : {};
  };
  const c = section('case');
  const t = section('task');
  const v = section('voiceCall');
  const m = section('contactMatch');

  const dueInDays: Record<string, number> = { ...d.task.dueInDays };
  if (t.dueInDays !== undefined) {
    if (!isRec(t.dueInDays)) issues.push({ path: 'task.dueInDays', message: 'must map severities to days' });
    else
      for (const [severity, days] of Object.entries(t.dueInDays)) {
        if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 365) issues.push({ path: `task.dueInDays.${severity}`, message: 'must be a whole number of days (0-365)' });
        else dueInDays[severity] = days;
      }
  }
  let phoneFields = d.contactMatch.phoneFields;
  if (m.phoneFields !== undefined) {
    if (!Array.isArray(m.phoneFields) || m.phoneFields.length === 0 || m.phoneFields.some((f) => typeof f !== 'string' || !API_NAME.test(f))) {
      issues.push({ path: 'contactMatch.phoneFields', message: 'must be a non-empty array of field API names' });
    } else phoneFields = m.phoneFields as string[];
  }

  const mapping: SalesforceMapping = {
    case: {
      sobject: apiName(c.sobject, d.case.sobject, 'case.sobject', issues),
      externalIdField: apiName(c.externalIdField, d.case.externalIdField, 'case.externalIdField', issues),
      fields: c.fields === undefined ? d.case.fields : parseFields(c.fields, 'case.fields', CASE_SOURCES, issues),
    },
    task: {
      enabled: bool(t.enabled, d.task.enabled, 'task.enabled', issues),
      sobject: apiName(t.sobject, d.task.sobject, 'task.sobject', issues),
      externalIdField: apiName(t.externalIdField, d.task.externalIdField, 'task.externalIdField', issues),
      dueInDays,
      fields: t.fields === undefined ? d.task.fields : parseFields(t.fields, 'task.fields', TASK_SOURCES, issues),
    },
    voiceCall: {
      enabled: bool(v.enabled, d.voiceCall.enabled, 'voiceCall.enabled', issues),
      sobject: apiName(v.sobject, d.voiceCall.sobject, 'voiceCall.sobject', issues),
      keyField: apiName(v.keyField, d.voiceCall.keyField, 'voiceCall.keyField', issues),
      fields: v.fields === undefined ? d.voiceCall.fields : parseFields(v.fields, 'voiceCall.fields', VOICE_CALL_SOURCES, issues),
    },
    contactMatch: {
      enabled: bool(m.enabled, d.contactMatch.enabled, 'contactMatch.enabled', issues),
      sobject: apiName(m.sobject, d.contactMatch.sobject, 'contactMatch.sobject', issues),
      phoneFields,
      accountField: apiName(m.accountField, d.contactMatch.accountField, 'contactMatch.accountField', issues),
    },
  };
  for (const key of Object.keys(input)) {
    if (!['case', 'task', 'voiceCall', 'contactMatch'].includes(key)) issues.push({ path: key, message: 'is not a mapping section (case, task, voiceCall, contactMatch)' });
  }
  if (mapping.case.fields[mapping.case.externalIdField]) issues.push({ path: `case.fields.${mapping.case.externalIdField}`, message: 'is the external id field; Buddie sets it itself' });
  if (mapping.task.fields[mapping.task.externalIdField]) issues.push({ path: `task.fields.${mapping.task.externalIdField}`, message: 'is the external id field; Buddie sets it itself' });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: mapping };
}
