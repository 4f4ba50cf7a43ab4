import type { EscalationRecord } from '../escalation/escalation.model';
import type { CallSummary } from '../summary/call-summary.model';
import { DEFAULT_SALESFORCE_MAPPING } from './salesforce-mapping.model';
import { caseRecordFor, escalationTaskSource, taskDueDate, taskRecordFor, voiceCallFieldsFor, type ConversationLeg } from './salesforce-record.mapper';

function summary(contactId: string, over: Partial<CallSummary> = {}): CallSummary {
  return {
    contactId,
    headline: 'Customer disputes a double charge',
    reason: 'I was charged twice for my March bill',
    actionsTaken: ['Refunded the duplicate charge'],
    outcome: 'resolved',
    followUps: [{ action: 'Email the refund confirmation', owner: 'agent', due: '2026-12-02' }],
    sentiment: { start: 'negative', end: 'positive' },
    agentNotes: ['Customer asked about autopay'],
    topics: ['billing'],
    escalation: { recommended: false },
    provider: 'offline',
    createdAt: '2026-12-01T10:00:00.000Z',
    ...over,
  };
}

function leg(contactId: string, at: string, over: Partial<ConversationLeg> = {}, s: Partial<CallSummary> = {}): ConversationLeg {
  return { contactId, initiationTimestamp: at, channel: 'VOICE', queueName: 'Billing', agentUsername: 'alice', callerNumber: '+15551230000', summary: summary(contactId, s), ...over };
}

const options = { buddieBaseUrl: 'https://buddie.example.com/' };

describe('caseRecordFor', () => {
  it('given one leg, then the Case is keyed by the contact id and carries the summary fields', () => {
    const record = caseRecordFor({ conversationId: 'c-1', legs: [leg('c-1', '2026-12-01T09:00:00Z')] }, DEFAULT_SALESFORCE_MAPPING, options);
    expect(record).toMatchObject({ sobject: 'Case', externalIdField: 'Buddie_Contact_Id__c', externalId: 'c-1' });
    expect(record.fields).toMatchObject({
      Subject: 'Customer disputes a double charge',
      Buddie_Reason__c: 'I was charged twice for my March bill',
      Status: 'Closed',
      Origin: 'Phone',
      Buddie_Outcome__c: 'resolved',
      Buddie_Sentiment__c: 'negative -> positive',
      Buddie_Follow_Ups__c: '- Email the refund confirmation (agent, due 2026-12-02)',
      Buddie_Link__c: 'https://buddie.example.com/#/calls?contact=c-1',
    });
    expect(record.fields.Description).toContain('Refunded the duplicate charge');
  });

  it('given a transfer, then both legs land on the InitialContactId Case: subject from the first, outcome from the last', () => {
    const legs = [
      leg('c-2', '2026-12-01T09:10:00Z', { queueName: 'Retention', agentUsername: 'bob' }, { headline: 'Transferred: wants to cancel', outcome: 'follow-up-needed' }),
      leg('c-1', '2026-12-01T09:00:00Z', {}, { headline: 'Wants to cancel the contract', outcome: 'unresolved' }),
    ];
    const record = caseRecordFor({ conversationId: 'c-1', legs }, DEFAULT_SALESFORCE_MAPPING, options);
    expect(record.externalId).toBe('c-1');
    expect(record.fields.Subject).toBe('Wants to cancel the contract');
    expect(record.fields.Status).toBe('Working');
    expect(String(record.fields.Description)).toMatch(/Leg 1 of 2 .*Billing, alice[\s\S]*Leg 2 of 2 .*Retention, bob/);
  });

  it('given no caller match, then ContactId and AccountId are left alone; given a match, then they are set', () => {
    const without = caseRecordFor({ conversationId: 'c-1', legs: [leg('c-1', '2026-12-01T09:00:00Z')] }, DEFAULT_SALESFORCE_MAPPING, options);
    expect(without.fields).not.toHaveProperty('ContactId');
    const withMatch = caseRecordFor({ conversationId: 'c-1', legs: [leg('c-1', '2026-12-01T09:00:00Z')], match: { contactId: '003A', accountId: '001A' } }, DEFAULT_SALESFORCE_MAPPING, options);
    expect(withMatch.fields).toMatchObject({ ContactId: '003A', AccountId: '001A' });
  });

  it('given describe lengths, then long text is cut to fit instead of failing the write', () => {
    const record = caseRecordFor({ conversationId: 'c-1', legs: [leg('c-1', '2026-12-01T09:00:00Z')] }, DEFAULT_SALESFORCE_MAPPING, { ...options, lengths: new Map([['Case', new Map([['Subject', 10]])]]) });
    expect(record.fields.Subject).toBe('Customer …');
  });

  it('never writes the caller number unless the mapping asks for it', () => {
    const record = caseRecordFor({ conversationId: 'c-1', legs: [leg('c-1', '2026-12-01T09:00:00Z')] }, DEFAULT_SALESFORCE_MAPPING, options);
    expect(JSON.stringify(record)).not.toContain('+15551230000');
  });
});

describe('taskRecordFor', () => {
  const escalation = { escalationId: 'e-1', contactId: 'c-1', conversationId: 'c-1', severity: 'high', status: 'open', title: 'Caller stuck in IVR', description: 'Three retries at the PIN prompt', createdAt: '2026-12-01T23:30:00.000Z' };

  it('given an open high-severity escalation, then a High, Not Started Task on the Case due the next day', () => {
    const record = taskRecordFor(escalation, '500A', DEFAULT_SALESFORCE_MAPPING, options);
    expect(record).toMatchObject({ sobject: 'Task', externalIdField: 'Buddie_Escalation_Id__c', externalId: 'e-1' });
    expect(record.fields).toEqual({ Subject: 'Caller stuck in IVR', Description: 'Three retries at the PIN prompt', Priority: 'High', Status: 'Not Started', ActivityDate: '2026-12-02', WhatId: '500A' });
  });

  it('given acknowledge then resolve, then the status follows', () => {
    expect(taskRecordFor({ ...escalation, status: 'acknowledged' }, '500A', DEFAULT_SALESFORCE_MAPPING, options).fields.Status).toBe('In Progress');
    expect(taskRecordFor({ ...escalation, status: 'resolved' }, '500A', DEFAULT_SALESFORCE_MAPPING, options).fields.Status).toBe('Completed');
  });

  it('given no Case, then the Task has no WhatId', () => {
    expect(taskRecordFor({ ...escalation, contactId: null }, null, DEFAULT_SALESFORCE_MAPPING, options).fields).not.toHaveProperty('WhatId');
  });

  it('due dates follow severity; an unknown severity gets the longest allowance', () => {
    expect(taskDueDate({ ...escalation, severity: 'critical' }, DEFAULT_SALESFORCE_MAPPING.task.dueInDays)).toBe('2026-12-01');
    expect(taskDueDate({ ...escalation, severity: 'weird' }, DEFAULT_SALESFORCE_MAPPING.task.dueInDays)).toBe('2026-12-08');
  });
});

describe('voiceCallFieldsFor', () => {
  it('writes the leg summary and the link, hangs the Case off the call, and leaves the telephony status (CallDisposition) alone', () => {
    const fields = voiceCallFieldsFor(leg('c-1', '2026-12-01T09:00:00Z'), 'c-1', '500A', DEFAULT_SALESFORCE_MAPPING, options);
    expect(fields).toMatchObject({ RelatedRecordId: '500A', Buddie_Link__c: expect.stringContaining('contact=c-1') });
    expect(String(fields.Buddie_Summary__c)).toContain('2026-12-01T09:00:00Z');
    expect(fields).not.toHaveProperty('CallDisposition');
  });
});

describe('escalationTaskSource', () => {
  const record: EscalationRecord = {
    escalationId: 'c-9:ivr-input-loop',
    subjectType: 'contact',
    subjectId: 'c-9',
    contactId: 'c-9',
    agentId: null,
    cause: 'ivr-input-loop',
    severity: 'high',
    reasons: ['Failed at PIN entry', 'Caller abandoned'],
    trigger: 'journey-failure',
    correlationId: 'corr',
    triggeredAt: '2026-12-01T10:00:00Z',
    status: 'acknowledged',
    createdAt: '2026-12-01T10:00:00Z',
    updatedAt: '2026-12-01T10:05:00Z',
  };

  it('given the stored escalation, then the first reason titles the Task and all of them describe it', () => {
    expect(escalationTaskSource(record)).toEqual({
      escalationId: 'c-9:ivr-input-loop',
      contactId: 'c-9',
      conversationId: 'c-9',
      severity: 'high',
      status: 'acknowledged',
      title: 'Failed at PIN entry',
      description: 'Failed at PIN entry\nCaller abandoned',
      createdAt: '2026-12-01T10:00:00Z',
    });
  });

  it('given an escalation about an agent alert with no reason recorded, then the cause titles it and it has no call', () => {
    expect(escalationTaskSource({ ...record, subjectType: 'agent-alert', subjectId: 'alert-1', contactId: null, agentId: 'a-1', cause: 'long-hold', reasons: [' '] })).toMatchObject({ title: 'Escalation: long-hold', description: 'Escalation: long-hold', contactId: null, conversationId: null });
  });
});
