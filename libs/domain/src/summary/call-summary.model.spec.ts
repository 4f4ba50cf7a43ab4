import { validateCallSummary, type CallSummary } from './call-summary.model';

const valid: CallSummary = {
  contactId: 'c-1',
  headline: 'Billing: duplicate charge refunded',
  reason: 'Charged twice',
  actionsTaken: ['Refunded the duplicate charge'],
  outcome: 'resolved',
  followUps: [{ action: 'Send confirmation email', owner: 'team', due: 'today' }],
  sentiment: { start: 'negative', end: 'positive' },
  agentNotes: [],
  topics: ['billing'],
  escalation: { recommended: false },
  provider: 'bedrock',
  model: 'anthropic.claude',
  createdAt: '2024-03-12T14:30:00.000Z',
};

describe('validateCallSummary', () => {
  it('given a complete summary, then it is accepted unchanged', () => {
    expect(validateCallSummary(valid)).toEqual({ ok: true, value: valid });
  });

  it('given LLM-style output with several mistakes, then every issue is reported by path', () => {
    const bad = {
      ...valid,
      headline: 'x'.repeat(121),
      outcome: 'done',
      followUps: [{ action: '', owner: 'boss' }],
      sentiment: { start: 'happy', end: 'neutral' },
      topics: 'billing',
      escalation: { recommended: 'yes' },
      createdAt: 'yesterday',
    };
    const r = validateCallSummary(bad);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.path)).toEqual([
      'headline',
      'outcome',
      'followUps[0].action',
      'followUps[0].owner',
      'sentiment.start',
      'topics',
      'escalation.recommended',
      'createdAt',
    ]);
  });

  it.each([null, [], 'summary'])('given %p, then the root is rejected', (input) => {
    expect(validateCallSummary(input)).toEqual({ ok: false, issues: [{ path: '', message: 'must be an object' }] });
  });
});
