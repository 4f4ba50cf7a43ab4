import type { Transcript } from '../summary/transcript.model';
import { redactTranscript } from './redact-transcript';

const base: Transcript = {
  contactId: 'c-1',
  source: 'contact-lens',
  channel: 'CHAT',
  redacted: false,
  turns: [
    { id: 't1', role: 'AGENT', beginMs: 0, endMs: 0, text: 'Hello, this is Jane. How may I help you?', redactions: [{ type: 'PII', begin: 14, end: 19 }] },
    { id: 't2', role: 'CUSTOMER', beginMs: 1, endMs: 1, text: 'Hi Jane, I live at 123 Any Street and my card is 4111 1111 1111 1111.', redactions: [{ type: 'PII', begin: 19, end: 33 }] },
    { id: 't3', role: 'AGENT', beginMs: 2, endMs: 2, text: 'Thanks. We will email jane@example.com.' },
  ],
};

describe('redactTranscript', () => {
  it('given marked names and addresses, when redacted, then names recur as [NAME], marked digits as [PII], detectors run too', () => {
    const out = redactTranscript(base);
    expect(out.redacted).toBe(true);
    expect(out.turns.map((t) => t.text)).toEqual([
      'Hello, this is [NAME]. How may I help you?',
      'Hi [NAME], I live at [PII] and my card is [CREDIT_DEBIT_NUMBER].',
      'Thanks. We will email [EMAIL].',
    ]);
    for (const t of out.turns) for (const r of t.redactions ?? []) expect(t.text.slice(r.begin, r.end)).toBe(`[${r.type}]`);
    expect(base.turns[0].text).toContain('Jane');
  });

  it('given an already redacted transcript, when redacted again, then placeholders are kept and missed PII is caught', () => {
    const already: Transcript = {
      ...base,
      redacted: true,
      turns: [{ id: 'x', role: 'CUSTOMER', beginMs: 0, endMs: 0, text: 'My name is [PII], phone 206-555-0100.', redactions: [{ type: 'PII', begin: 11, end: 16 }] }],
    };
    const out = redactTranscript(already);
    expect(out.turns[0].text).toBe('My name is [PII], phone [PHONE].');
    expect(out.turns[0].redactions?.map((r) => r.type)).toEqual(['PII', 'PHONE']);
  });
});
