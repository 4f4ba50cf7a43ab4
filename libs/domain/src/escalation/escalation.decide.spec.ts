import { decideEscalations, decideSeverityRaise } from './escalation.decide';
import { DEFAULT_ESCALATION_RULES, transitionEscalation, validateEscalationRules, type EscalationRecord, type EscalationTrigger } from './escalation.model';

const AT = '2024-03-12T17:07:00.000Z';
const journeyFailed: EscalationTrigger = {
  kind: 'journey-failure',
  contactId: 'c-8',
  correlationId: 'corr-8',
  occurredAt: AT,
  failures: [
    { kind: 'error-branch', severity: 'high', stepLabel: 'lookup', reason: 'lookup took its error branch.' },
    { kind: 'flow-error-disconnect', severity: 'high', stepLabel: 'lookup', reason: 'The flow hung up on the caller after lookup failed.' },
    { kind: 'menu-loop', severity: 'medium', stepLabel: 'Menu', reason: 'Menu played 3 times.' },
  ],
};

describe('decideEscalations', () => {
  it('given a journey with system and caller failures, then one escalation per cause, keyed by contact and cause', () => {
    const drafts = decideEscalations(journeyFailed, DEFAULT_ESCALATION_RULES);
    expect(drafts.map((d) => [d.escalationId, d.severity, d.reasons.length])).toEqual([
      ['c-8:ivr-system-failure', 'high', 2],
      ['c-8:ivr-caller-stuck', 'medium', 1],
    ]);
    expect(drafts[0]).toMatchObject({ subjectType: 'contact', contactId: 'c-8', trigger: 'journey-failure', correlationId: 'corr-8' });
  });

  it('when the same failure is delivered again, then the same ids come out (the store creates each once)', () => {
    expect(decideEscalations(journeyFailed, DEFAULT_ESCALATION_RULES).map((d) => d.escalationId)).toEqual(decideEscalations({ ...journeyFailed, occurredAt: '2024-03-13T00:00:00Z' }, DEFAULT_ESCALATION_RULES).map((d) => d.escalationId));
  });

  it('given a summary recommending escalation with a negative ending, then both causes open', () => {
    const drafts = decideEscalations(
      { kind: 'summary', contactId: 'c-1', correlationId: 'x', occurredAt: AT, escalationRecommended: true, escalationReason: 'customer asked for a manager', endingSentiment: 'negative', outcome: 'resolved' },
      DEFAULT_ESCALATION_RULES,
    );
    expect(drafts.map((d) => [d.cause, d.severity])).toEqual([
      ['summary-recommends-escalation', 'high'],
      ['negative-ending', 'medium'],
    ]);
    expect(drafts[0].reasons).toEqual(['The call summary recommends escalation: customer asked for a manager']);
  });

  it('given a calm resolved summary, then nothing', () => {
    expect(decideEscalations({ kind: 'summary', contactId: 'c-1', correlationId: 'x', occurredAt: AT, escalationRecommended: false, endingSentiment: 'positive', outcome: 'resolved' }, DEFAULT_ESCALATION_RULES)).toEqual([]);
  });

  it('given an agent alert, then its severity carries over and the alert is the subject', () => {
    const [draft] = decideEscalations({ kind: 'agent-alert', alertId: 'a1:long-acw:2024', agentId: 'a1', ruleId: 'long-acw', correlationId: 'y', occurredAt: AT, severity: 'critical', message: 'jdoe in ACW for 10 min' }, DEFAULT_ESCALATION_RULES);
    expect(draft).toMatchObject({ escalationId: 'a1:long-acw:2024:agent-alert', subjectType: 'agent-alert', agentId: 'a1', severity: 'high', reasons: ['jdoe in ACW for 10 min'] });
  });

  it('given a disabled rule, then it opens nothing', () => {
    const rules = DEFAULT_ESCALATION_RULES.map((r) => ({ ...r, enabled: r.id !== 'ivr-caller-stuck' }));
    expect(decideEscalations(journeyFailed, rules).map((d) => d.cause)).toEqual(['ivr-system-failure']);
  });
});

describe('decideSeverityRaise', () => {
  const alert = (severity: string): EscalationTrigger => ({ kind: 'agent-alert', alertId: 'a-1', agentId: 'jdoe', ruleId: 'long-hold', correlationId: 'corr-a', occurredAt: AT, severity, message: `hold ${severity}` });
  const stored = (severity: string, status: EscalationRecord['status'] = 'open'): EscalationRecord => ({
    ...decideEscalations(alert(severity), DEFAULT_ESCALATION_RULES)[0],
    status,
    version: 1,
    createdAt: AT,
    updatedAt: AT,
  });
  const later = (severity: string) => decideEscalations(alert(severity), DEFAULT_ESCALATION_RULES)[0];

  it('given an open medium escalation, when the same alert comes back critical, then it is raised to high with both reasons', () => {
    expect(decideSeverityRaise(stored('warning'), later('critical'))).toEqual({ severity: 'high', reasons: ['hold warning', 'hold critical'] });
  });

  it('given an acknowledged one, when a more severe trigger comes, then it is raised too (the supervisor is already on it, at a lower priority)', () => {
    expect(decideSeverityRaise(stored('low', 'acknowledged'), later('warning'))?.severity).toBe('medium');
  });

  it('given the same or a milder severity, or a replay, then nothing changes', () => {
    expect(decideSeverityRaise(stored('critical'), later('critical'))).toBeUndefined();
    expect(decideSeverityRaise(stored('critical'), later('warning'))).toBeUndefined();
  });

  it('given a resolved escalation, when a more severe trigger comes, then it stays as the supervisor left it', () => {
    expect(decideSeverityRaise(stored('low', 'resolved'), later('critical'))).toBeUndefined();
  });

  it('given a raise whose reason is already recorded, then the reason is not repeated', () => {
    const current = { ...stored('warning'), reasons: ['hold critical'] };
    expect(decideSeverityRaise(current, later('critical'))?.reasons).toEqual(['hold critical']);
  });
});

describe('transitionEscalation', () => {
  const open: EscalationRecord = { ...decideEscalations(journeyFailed, DEFAULT_ESCALATION_RULES)[0], status: 'open', createdAt: AT, updatedAt: AT };

  it('given an open escalation, when acknowledged then resolved, then who and when are recorded', () => {
    const acked = transitionEscalation(open, 'acknowledge', 'supervisor-1', '2024-03-12T17:10:00Z', 'looking');
    const resolved = transitionEscalation(acked, 'resolve', 'supervisor-2', '2024-03-12T17:20:00Z');
    expect(resolved).toMatchObject({ status: 'resolved', acknowledgedBy: 'supervisor-1', acknowledgeNote: 'looking', resolvedBy: 'supervisor-2', resolvedAt: '2024-03-12T17:20:00Z', updatedAt: '2024-03-12T17:20:00Z' });
  });

  it('given a resolved escalation, when acknowledged, then a conflict', () => {
    const resolved = transitionEscalation(open, 'resolve', 's', AT);
    expect(() => transitionEscalation(resolved, 'acknowledge', 's', AT)).toThrow('is resolved; it cannot be acknowledged now');
  });
});

describe('validateEscalationRules', () => {
  it('given the defaults, then valid', () => {
    expect(validateEscalationRules(DEFAULT_ESCALATION_RULES)).toEqual({ ok: true, rules: DEFAULT_ESCALATION_RULES });
  });
  it('given bad rules, then each problem with its path', () => {
    expect(validateEscalationRules({ rules: [{ id: 'a', on: 'journey-failure', failureKinds: ['nope'], severity: 'high' }, { id: 'a', on: 'summary', when: 'x', severity: 'low' }, { id: 'b', on: 'weather' }] })).toEqual({
      ok: false,
      issues: [
        { path: 'rules[0].failureKinds', message: expect.stringContaining('non-empty array') },
        { path: 'rules[1].id', message: 'duplicate rule id a' },
        { path: 'rules[1].when', message: 'must be escalation-recommended, negative-ending or unresolved' },
        { path: 'rules[2].on', message: 'must be one of journey-failure, summary, agent-alert' },
      ],
    });
  });
});
