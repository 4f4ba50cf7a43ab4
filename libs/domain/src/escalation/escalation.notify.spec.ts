import { decideEscalations } from './escalation.decide';
import { DEFAULT_ESCALATION_RULES, type EscalationRecord, type EscalationTrigger } from './escalation.model';
import { escalationNotice } from './escalation.notify';

const AT = '2024-03-12T17:07:00.000Z';
const stored = (trigger: EscalationTrigger, overrides: Partial<EscalationRecord> = {}): EscalationRecord => ({
  ...decideEscalations(trigger, DEFAULT_ESCALATION_RULES)[0],
  status: 'open',
  version: 1,
  createdAt: AT,
  updatedAt: AT,
  ...overrides,
});
const journeyFailure: EscalationTrigger = {
  kind: 'journey-failure',
  contactId: 'c-8',
  correlationId: 'corr-8',
  occurredAt: AT,
  failures: [{ kind: 'flow-error-disconnect', severity: 'high', stepLabel: 'lookup', reason: 'The flow hung up on the caller after lookup failed.' }],
};

describe('escalationNotice', () => {
  it('given a high escalation about a contact, then a notice a supervisor understands: what, about whom (by id), why, when, what to do', () => {
    const notice = escalationNotice(stored(journeyFailure), 'high');
    expect(notice).toEqual({
      severity: 'high',
      cause: 'ivr-system-failure',
      subject: 'Buddie escalation [high] ivr-system-failure: contact c-8',
      message: [
        'A high-severity escalation needs a supervisor.',
        'About: contact c-8',
        'Cause: ivr-system-failure (from an IVR journey failure)',
        'Why:',
        '- The flow hung up on the caller after lookup failed.',
        `Opened: ${AT}`,
        'Status: open',
        'Acknowledge or resolve it on the Buddie dashboard, Escalations (escalation c-8:ivr-system-failure).',
      ].join('\n'),
    });
  });

  it('given a severity below the threshold or a resolved escalation, then no notice', () => {
    expect(escalationNotice(stored(journeyFailure), 'high')).toBeDefined();
    expect(escalationNotice(stored(journeyFailure, { severity: 'medium' }), 'high')).toBeUndefined();
    expect(escalationNotice(stored(journeyFailure, { severity: 'medium' }), 'medium')).toBeDefined();
    expect(escalationNotice(stored(journeyFailure, { status: 'resolved' }), 'low')).toBeUndefined();
  });

  it('given a reason carrying a caller number or an e-mail (an LLM summary reason), then they are redacted; a raised escalation says so', () => {
    const summary: EscalationTrigger = {
      kind: 'summary', contactId: 'c-2', correlationId: 'x', occurredAt: AT, escalationRecommended: true,
      escalationReason: 'caller at +1 206 555 0142 (jane.doe@example.com) wants a manager', endingSentiment: null, outcome: null,
    };
    const notice = escalationNotice(stored(summary, { version: 2, updatedAt: '2024-03-12T17:30:00.000Z' }), 'high')!;
    expect(notice.message).not.toMatch(/555|0142|jane\.doe/);
    expect(notice.message).toContain('[PHONE]');
    expect(notice.message).toContain('Raised to high: 2024-03-12T17:30:00.000Z');
  });

  it('given an agent alert, then it names the agent and the alert, and the subject stays ASCII within 100 characters', () => {
    const alert: EscalationTrigger = { kind: 'agent-alert', alertId: 'a'.repeat(90), agentId: 'jdoe', ruleId: 'long-hold', correlationId: 'x', occurredAt: AT, severity: 'critical', message: 'jdoe has had a customer on hold for 6 minutes — “long”' };
    const notice = escalationNotice(stored(alert), 'high')!;
    expect(notice.message).toContain(`About: agent jdoe (alert ${'a'.repeat(90)})`);
    expect(notice.subject.length).toBeLessThanOrEqual(100);
    expect(notice.subject).toMatch(/^[\x20-\x7e]+$/);
  });
});
