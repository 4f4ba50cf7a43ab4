import { backoffDelayMs, decideOnFailure, pacingDecision, parseLimitInfo } from './salesforce-limits.decide';
import { planCollectionCalls, recordOutcomes, voiceCallOutcome, type PlannedRecord } from './salesforce-sync.plan';

const rec = (key: string, sobject: string, externalId: string, fields: Record<string, string> = {}): PlannedRecord => ({
  key,
  record: { sobject, externalIdField: sobject === 'Case' ? 'Buddie_Contact_Id__c' : 'Buddie_Escalation_Id__c', externalId, fields },
});

describe('planCollectionCalls', () => {
  it('given 450 Cases and 3 Tasks, then Cases go first in calls of at most 200, one type per call', () => {
    const records = [rec('task:e1', 'Task', 'e1'), ...Array.from({ length: 450 }, (_, i) => rec(`case:c${i}`, 'Case', `c${i}`)), rec('task:e2', 'Task', 'e2'), rec('task:e3', 'Task', 'e3')];
    const calls = planCollectionCalls(records, ['Case', 'Task']);
    expect(calls.map((c) => [c.sobject, c.records.length])).toEqual([
      ['Case', 200],
      ['Case', 200],
      ['Case', 50],
      ['Task', 3],
    ]);
  });

  it('given the same external id twice, then it is sent once with the later fields', () => {
    const calls = planCollectionCalls([rec('case:c1', 'Case', 'c1', { Subject: 'old' }), rec('case:c1', 'Case', 'c1', { Subject: 'new' })]);
    expect(calls).toHaveLength(1);
    expect(calls[0].records.map((r) => r.record.fields.Subject)).toEqual(['new']);
  });
});

describe('recordOutcomes', () => {
  it('given per-record results, then successes, rejections and retryable errors are told apart in request order', () => {
    const [call] = planCollectionCalls([rec('a', 'Case', 'a'), rec('b', 'Case', 'b'), rec('c', 'Case', 'c'), rec('d', 'Case', 'd')]);
    const outcomes = recordOutcomes(call, [
      { id: '500A', success: true, created: true, errors: [] },
      { success: false, errors: [{ statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Subject is required', fields: ['Subject'] }] },
      { success: false, errors: [{ statusCode: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record' }] },
    ]);
    expect(outcomes).toEqual([
      { key: 'a', outcome: 'synced', salesforceId: '500A', created: true },
      { key: 'b', outcome: 'failed', code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Subject is required [Subject]' },
      { key: 'c', outcome: 'retry', code: 'UNABLE_TO_LOCK_ROW', message: 'unable to obtain exclusive access to this record' },
      { key: 'd', outcome: 'retry', code: 'NO_RESULT', message: 'Salesforce returned no result for this record' },
    ]);
  });
});

describe('voiceCallOutcome', () => {
  const legs = [
    { contactId: 'c-1', voiceCallId: '0LQ1' },
    { contactId: 'c-2', voiceCallId: '0LQ2' },
  ];
  const ok = (id: string) => ({ id, success: true, errors: [] });
  const error = (statusCode: string, message: string, fields?: string[]) => ({ success: false, errors: [{ statusCode, message, fields }] });

  it('given every leg updated, then synced with the VoiceCall ids; no leg at all is synced with none', () => {
    expect(voiceCallOutcome(legs, [ok('0LQ1'), ok('0LQ2')])).toEqual({ outcome: 'synced', salesforceIds: ['0LQ1', '0LQ2'] });
    expect(voiceCallOutcome([], [])).toEqual({ outcome: 'synced', salesforceIds: [] });
  });

  it('given a rejected leg, then failed with its code and message; a row lock or a missing result anywhere makes it a retry instead', () => {
    expect(voiceCallOutcome(legs, [ok('0LQ1'), error('FIELD_CUSTOM_VALIDATION_EXCEPTION', 'Locked', ['Buddie_Summary__c'])])).toEqual({ outcome: 'failed', code: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', message: 'Locked [Buddie_Summary__c]', contactId: 'c-2' });
    expect(voiceCallOutcome(legs, [error('ENTITY_IS_DELETED', 'gone'), error('UNABLE_TO_LOCK_ROW', 'locked')])).toEqual({ outcome: 'retry', code: 'UNABLE_TO_LOCK_ROW', message: 'locked', contactId: 'c-2' });
    expect(voiceCallOutcome(legs, [ok('0LQ1')])).toMatchObject({ outcome: 'retry', code: 'NO_RESULT', contactId: 'c-2' });
  });
});

describe('limits and failures', () => {
  const policy = { slowdownShare: 0.8, stopShare: 0.95, maxDelayMs: 10_000, pauseMs: 60_000 };

  it('parses Sforce-Limit-Info', () => {
    expect(parseLimitInfo('api-usage=18/5000')).toEqual({ used: 18, limit: 5000 });
    expect(parseLimitInfo('api-usage=10018/100000; api-bursts=1/750')).toEqual({ used: 10018, limit: 100000 });
    expect(parseLimitInfo(undefined)).toBeUndefined();
    expect(parseLimitInfo('api-usage=1/0')).toBeUndefined();
  });

  it('given usage below the slowdown share, then send; between the shares, then slower the closer; at the stop share, then pause', () => {
    expect(pacingDecision({ used: 79_999, limit: 100_000 }, policy)).toEqual({ action: 'send', delayMs: 0 });
    const near = pacingDecision({ used: 87_500, limit: 100_000 }, policy);
    const nearer = pacingDecision({ used: 94_000, limit: 100_000 }, policy);
    expect(near.action).toBe('slow');
    expect(nearer.delayMs).toBeGreaterThan(near.delayMs);
    expect(pacingDecision({ used: 95_000, limit: 100_000 }, policy)).toEqual({ action: 'pause', delayMs: 60_000 });
    expect(pacingDecision(undefined, policy)).toEqual({ action: 'send', delayMs: 0 });
  });

  it('decides per failure: refresh on INVALID_SESSION_ID, long wait on REQUEST_LIMIT_EXCEEDED, retry 503 and time-outs, reject the rest', () => {
    expect(decideOnFailure({ status: 401, errorCode: 'INVALID_SESSION_ID' })).toBe('refresh-session');
    expect(decideOnFailure({ status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED' })).toBe('retry-after-limit');
    expect(decideOnFailure({ status: 503, errorCode: 'SERVER_UNAVAILABLE' })).toBe('retry');
    expect(decideOnFailure({ transport: 'timeout' })).toBe('retry');
    expect(decideOnFailure({ status: 400, errorCode: 'INVALID_FIELD' })).toBe('reject');
    expect(decideOnFailure({ status: 403, errorCode: 'INSUFFICIENT_ACCESS' })).toBe('reject');
  });

  it('backs off exponentially with jitter, capped', () => {
    const policy = { baseMs: 100, maxMs: 1000 };
    expect(backoffDelayMs(1, policy, () => 0)).toBe(50);
    expect(backoffDelayMs(1, policy, () => 1)).toBe(100);
    expect(backoffDelayMs(3, policy, () => 1)).toBe(400);
    expect(backoffDelayMs(10, policy, () => 1)).toBe(1000);
  });
});
