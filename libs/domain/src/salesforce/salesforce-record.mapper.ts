import type { EscalationRecord } from '../escalation/escalation.model';
import type { CallSummary } from '../summary/call-summary.model';
import { summaryToProse } from '../summary/summary-prose';
import type { CaseSource, FieldRule, SalesforceMapping, TaskSource, VoiceCallSource } from './salesforce-mapping.model';

/** One leg of a customer conversation (a transfer or callback is another leg with the same InitialContactId). */
export interface ConversationLeg {
  contactId: string;
  initiationTimestamp: string;
  channel: string;
  queueName: string | null;
  agentUsername: string | null;
  /** Only read when a mapping asks for it (contact matching, or a field mapped from contact.callerNumber). */
  callerNumber: string | null;
  summary: CallSummary;
}

export interface CaseSourceInput {
  conversationId: string;
  legs: ConversationLeg[];
  match?: CallerMatch;
}

export interface CallerMatch {
  contactId: string;
  accountId: string | null;
}

/** What escalation -> Task needs; built from the escalation record or event (escalationTaskSourceOf). */
export interface EscalationTaskSource {
  escalationId: string;
  contactId: string | null;
  conversationId: string | null;
  severity: string;
  status: string;
  title: string;
  description: string;
  createdAt: string;
}

/** One record ready for an sObject Collections upsert: its type, External ID field and value, and fields. */
export interface OutboundRecord {
  sobject: string;
  externalIdField: string;
  externalId: string;
  fields: Record<string, string | number | boolean>;
}

export interface MapperOptions {
  /** Dashboard base URL for the link back to Buddie (e.g. https://buddie.example.com). */
  buddieBaseUrl: string;
  /** Text field lengths from describe: longer values are cut (with an ellipsis) instead of failing the write. */
  lengths?: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

type Value = string | number | boolean | null | undefined;

function applyRules<S extends string>(rules: Record<string, FieldRule<S>>, read: (source: S) => Value, sobject: string, options: MapperOptions): Record<string, string | number | boolean> {
  const fields: Record<string, string | number | boolean> = {};
  for (const [name, rule] of Object.entries(rules)) {
    let value: Value;
    if ('value' in rule) value = rule.value;
    else {
      const raw = read(rule.from);
      value = rule.map && typeof raw === 'string' ? (rule.map[raw] ?? raw) : raw;
    }
    // An absent source leaves the field alone: a value set by a person in Salesforce is not blanked.
    if (value === undefined || value === null || value === '') continue;
    const max = options.lengths?.get(sobject)?.get(name);
    fields[name] = typeof value === 'string' && max !== undefined && value.length > max ? `${value.slice(0, Math.max(0, max - 1))}…` : value;
  }
  return fields;
}

const byStart = (a: ConversationLeg, b: ConversationLeg) => a.initiationTimestamp.localeCompare(b.initiationTimestamp) || a.contactId.localeCompare(b.contactId);

function sentimentText(summary: CallSummary): string {
  return summary.sentiment.start === summary.sentiment.end ? summary.sentiment.end : `${summary.sentiment.start} -> ${summary.sentiment.end}`;
}

function legDescription(leg: ConversationLeg, index: number, total: number): string {
  const who = [leg.queueName, leg.agentUsername].filter(Boolean).join(', ');
  const heading = total > 1 ? `Leg ${index + 1} of ${total} (${leg.initiationTimestamp}${who ? `, ${who}` : ''})` : `${leg.initiationTimestamp}${who ? ` (${who})` : ''}`;
  const lines = [heading, summaryToProse(leg.summary)];
  if (leg.summary.actionsTaken.length > 0) lines.push(`Actions: ${leg.summary.actionsTaken.join('; ')}`);
  if (leg.summary.agentNotes.length > 0) lines.push(`Notes: ${leg.summary.agentNotes.join('; ')}`);
  return lines.join('\n');
}

export function conversationLink(baseUrl: string, contactId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/#/calls?contact=${encodeURIComponent(contactId)}`;
}

/**
 * One Case per customer conversation: every leg's summary lands on the Case whose External ID is the
 * InitialContactId, so a transfer updates the Case instead of opening a second one. Subject and reason
 * come from the first leg (why the customer called); outcome, sentiment and follow-ups from the last
 * (where it ended); the description tells every leg in order.
 */
export function caseRecordFor(input: CaseSourceInput, mapping: SalesforceMapping, options: MapperOptions): OutboundRecord {
  const legs = [...input.legs].sort(byStart);
  if (legs.length === 0) throw new Error(`conversation ${input.conversationId} has no summarized leg`);
  const first = legs[0];
  const last = legs[legs.length - 1];
  const followUps = legs.flatMap((leg) => leg.summary.followUps);
  const read = (source: CaseSource): Value => {
    switch (source) {
      case 'summary.headline':
        return first.summary.headline;
      case 'summary.reason':
        return first.summary.reason;
      case 'summary.outcome':
        return last.summary.outcome;
      case 'summary.sentiment':
        return sentimentText(last.summary);
      case 'summary.followUps':
        return followUps.map((f) => `- ${f.action} (${f.owner}${f.due ? `, due ${f.due}` : ''})`).join('\n');
      case 'summary.description':
        return legs.map((leg, i) => legDescription(leg, i, legs.length)).join('\n\n');
      case 'summary.topics':
        return [...new Set(legs.flatMap((leg) => leg.summary.topics))].join('; ');
      case 'contact.conversationId':
        return input.conversationId;
      case 'contact.contactIds':
        return legs.map((leg) => leg.contactId).join(',');
      case 'contact.channel':
        return first.channel;
      case 'contact.queueName':
        return last.queueName;
      case 'contact.agentUsername':
        return last.agentUsername;
      case 'contact.callerNumber':
        return first.callerNumber;
      case 'contact.initiationTimestamp':
        return first.initiationTimestamp;
      case 'link':
        return conversationLink(options.buddieBaseUrl, input.conversationId);
      case 'match.contactId':
        return input.match?.contactId;
      case 'match.accountId':
        return input.match?.accountId;
    }
  };
  return {
    sobject: mapping.case.sobject,
    externalIdField: mapping.case.externalIdField,
    externalId: input.conversationId,
    fields: applyRules(mapping.case.fields, read, mapping.case.sobject, options),
  };
}

/** The due date: the escalation's day plus the severity's allowance (unknown severities get the longest). */
export function taskDueDate(escalation: EscalationTaskSource, dueInDays: Record<string, number>): string {
  const allowances = Object.values(dueInDays);
  const days = dueInDays[escalation.severity] ?? (allowances.length ? Math.max(...allowances) : 7);
  const created = new Date(escalation.createdAt);
  return new Date(Date.UTC(created.getUTCFullYear(), created.getUTCMonth(), created.getUTCDate() + days)).toISOString().slice(0, 10);
}

/**
 * An escalation as a Task on the conversation's Case (WhatId). Its status follows the supervisor's
 * acknowledge / resolve; priority and due date follow severity. `caseId` is the Case's Salesforce id, or
 * null when the escalation is about no call (then the Task stands alone).
 */
export function taskRecordFor(escalation: EscalationTaskSource, caseId: string | null, mapping: SalesforceMapping, options: MapperOptions & { match?: CallerMatch }): OutboundRecord {
  const read = (source: TaskSource): Value => {
    switch (source) {
      case 'escalation.id':
        return escalation.escalationId;
      case 'escalation.title':
        return escalation.title;
      case 'escalation.description':
        return escalation.description;
      case 'escalation.severity':
        return escalation.severity;
      case 'escalation.status':
        return escalation.status;
      case 'escalation.dueDate':
        return taskDueDate(escalation, mapping.task.dueInDays);
      case 'escalation.link':
        return `${options.buddieBaseUrl.replace(/\/+$/, '')}/#/escalations?escalation=${encodeURIComponent(escalation.escalationId)}`;
      case 'case.id':
        return caseId;
      case 'match.contactId':
        return options.match?.contactId;
    }
  };
  return {
    sobject: mapping.task.sobject,
    externalIdField: mapping.task.externalIdField,
    externalId: escalation.escalationId,
    fields: applyRules(mapping.task.fields, read, mapping.task.sobject, options),
  };
}

/** Fields for the Service Cloud Voice VoiceCall of one leg (found by VendorCallKey = ContactId). */
export function voiceCallFieldsFor(leg: ConversationLeg, conversationId: string, caseId: string | null, mapping: SalesforceMapping, options: MapperOptions): Record<string, string | number | boolean> {
  const read = (source: VoiceCallSource): Value => {
    switch (source) {
      case 'summary.headline':
        return leg.summary.headline;
      case 'summary.description':
        return legDescription(leg, 0, 1);
      case 'summary.outcome':
        return leg.summary.outcome;
      case 'summary.sentiment':
        return sentimentText(leg.summary);
      case 'link':
        return conversationLink(options.buddieBaseUrl, conversationId);
      case 'case.id':
        return caseId;
    }
  };
  return applyRules(mapping.voiceCall.fields, read, mapping.voiceCall.sobject, options);
}

/**
 * What a Task is built from: the escalation as the escalation app stores it (EscalationRecord), read by
 * its own typed fields. The first reason titles the Task, all of them describe it; the cause stands in
 * when no reason was recorded. The conversation is the contact's until the caller knows better.
 */
export function escalationTaskSource(record: EscalationRecord): EscalationTaskSource {
  const reasons = record.reasons.map((r) => r.trim()).filter(Boolean);
  const title = reasons[0] ? reasons[0].slice(0, 120) : `Escalation: ${record.cause}`;
  return {
    escalationId: record.escalationId,
    contactId: record.contactId,
    conversationId: record.contactId,
    severity: record.severity,
    status: record.status,
    title,
    description: reasons.length > 0 ? reasons.join('\n') : title,
    createdAt: record.createdAt,
  };
}
