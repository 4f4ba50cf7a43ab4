import { readText, sharedPath } from '../../../testing/src/fixtures';
import { validateCallSummary } from './call-summary.model';
import { isScripted, splitSentences, summarizeOffline } from './offline-summarizer';
import { summaryToProse, toThirdPerson } from './summary-prose';
import type { Transcript, TranscriptTurn, TurnRole } from './transcript.model';

const NOW = new Date('2024-03-12T14:30:00.000Z');

function dialogue(lines: [TurnRole, string][], extra: Partial<TranscriptTurn>[] = []): Transcript {
  return {
    source: 'transcribe',
    channel: 'VOICE',
    redacted: false,
    turns: lines.map(([role, text], i) => ({ id: `t${i}`, role, beginMs: i * 5000, endMs: i * 5000 + 4000, text, ...(extra[i] ?? {}) })),
  };
}

describe('summarizeOffline', () => {
  const billing = dialogue([
    ['AGENT', 'Thank you for calling Example Bank, how can I help you?'],
    ['CUSTOMER', 'Hi. I was charged twice for my phone bill this month and I want a refund.'],
    ['AGENT', 'I am sorry about that. Let me look at your account.'],
    ['AGENT', 'I have refunded the duplicate charge of forty dollars to your card.'],
    ['CUSTOMER', 'Great, thank you so much.'],
    ['AGENT', 'You should receive a confirmation email within 24 hours.'],
    ['CUSTOMER', 'Perfect, thanks. Bye.'],
  ]);

  it('given a resolved billing call with a commitment, then reason, action, follow-up and topics are extracted', () => {
    const s = summarizeOffline(billing, { contactId: 'c-1', now: NOW });
    expect(validateCallSummary(s)).toEqual({ ok: true, value: s });
    expect(s.reason).toBe('I was charged twice for my phone bill this month and I want a refund.');
    expect(s.actionsTaken).toContain('I have refunded the duplicate charge of forty dollars to your card.');
    expect(s.followUps).toEqual([{ action: 'You should receive a confirmation email within 24 hours.', owner: 'team', due: 'within 24 hours' }]);
    expect(s.outcome).toBe('follow-up-needed');
    expect(s.topics).toEqual(expect.arrayContaining(['billing']));
    expect(s.topics).not.toContain('cancellation');
    expect(s.sentiment.end).toBe('positive');
    expect(s.escalation.recommended).toBe(false);
    expect(s).toMatchObject({ contactId: 'c-1', provider: 'offline', createdAt: '2024-03-12T14:30:00.000Z' });
    expect(s.headline.length).toBeLessThanOrEqual(120);
    expect(s.headline).toMatch(/^Billing: I was charged twice/);
  });

  it('given the same transcript twice, then the summary is identical (deterministic)', () => {
    expect(summarizeOffline(billing, { contactId: 'c-1', now: NOW })).toEqual(summarizeOffline(billing, { contactId: 'c-1', now: NOW }));
  });

  it('given an angry unresolved customer who asks for a supervisor, then it is unresolved, negative and escalated', () => {
    const angry = dialogue([
      ['AGENT', 'Hello, thanks for calling, how may I help you?'],
      ['CUSTOMER', 'My internet has been down for three days and nobody fixed it.'],
      ['AGENT', 'I can see an outage in your area.'],
      ['CUSTOMER', 'This is unacceptable. I am really frustrated.'],
      ['AGENT', 'I understand. There is no time estimate yet.'],
      ['CUSTOMER', 'That is ridiculous, it is still not fixed. I want to speak to a supervisor.'],
    ]);
    const s = summarizeOffline(angry, { contactId: 'c-2', now: NOW });
    expect(s.outcome).toBe('unresolved');
    expect(s.sentiment).toEqual({ start: 'negative', end: 'negative' });
    expect(s.escalation.recommended).toBe(true);
    expect(s.topics).toEqual(expect.arrayContaining(['technical', 'complaint']));
  });

  it('given a plain resolved call, then it is resolved and not escalated', () => {
    const reset = dialogue([
      ['AGENT', 'Good morning, how can I help?'],
      ['CUSTOMER', "I can't log in to the app, I forgot my password."],
      ['AGENT', 'I have reset your password and sent a reset link to your phone.'],
      ['CUSTOMER', 'Got it, that works now. Thanks a lot!'],
    ]);
    const s = summarizeOffline(reset, { contactId: 'c-3', now: NOW });
    expect(s.outcome).toBe('resolved');
    expect(s.topics).toContain('password-login');
    expect(s.escalation).toEqual({ recommended: false });
    expect(s.followUps).toEqual([]);
  });

  describe('actions taken are actions', () => {
    const call = dialogue([
      ['AGENT', 'Thank you for calling Example Corp, this is Noah. How can I help you today?'],
      ['CUSTOMER', 'My automatic payment failed and now there is a late fee.'],
      ['AGENT', "I'm sorry to hear that. Before I look into that, could you confirm your name and the number on the account?"],
      ['CUSTOMER', "It's Maria Lopez."],
      ['AGENT', "Sure. First I'll need to verify a few details. Let me check the payment method on the account."],
      ['AGENT', "I've updated the card, taken the payment and waived the late fee."],
      ['CUSTOMER', 'Great, thank you so much.'],
      ['AGENT', 'Is there anything else I can help you with today?'],
      ['CUSTOMER', 'No, that is everything. Bye.'],
      ['AGENT', 'Thank you for calling Example Corp. Have a great day.'],
    ]);

    it('given a call with a greeting, a verification request and a closing, then none of them is an action or a follow-up', () => {
      const s = summarizeOffline(call, { contactId: 'c-7', now: NOW });
      const said = [...s.actionsTaken, ...s.followUps.map((f) => f.action)].join(' | ');
      expect(said).not.toMatch(/Thank you for calling|this is Noah|confirm your name|verify a few details|anything else|great day/);
    });

    it('given something done and something about to be done, then what was done comes first', () => {
      const s = summarizeOffline(call, { contactId: 'c-7', now: NOW });
      expect(s.actionsTaken).toEqual(["I've updated the card, taken the payment and waived the late fee.", 'Let me check the payment method on the account.']);
    });

    it('given an agent who only greets and says goodbye, then no action is invented', () => {
      const s = summarizeOffline(
        dialogue([
          ['AGENT', 'Hi, you are through to Ravi at Example Corp. What can I do for you?'],
          ['CUSTOMER', 'I need to change the address on my account please.'],
          ['AGENT', 'Thanks for your patience, take care.'],
        ]),
        { contactId: 'c-8', now: NOW },
      );
      expect(s.actionsTaken).toEqual([]);
    });

    it('given advice put as a question, then it counts as an action taken', () => {
      const s = summarizeOffline(dialogue([['CUSTOMER', 'My internet keeps dropping every evening.'], ['AGENT', "Why don't you restart the router and check the cable?"]]), { contactId: 'c-9', now: NOW });
      expect(s.actionsTaken).toEqual(["Why don't you restart the router and check the cable?"]);
    });

    it.each([
      ['Thank you for calling Example Corp, this is Noah.', true],
      ['Hi, you are through to Ravi at Example Corp.', true],
      ['Good day, Omar speaking.', true],
      ['Could you confirm your name and the number on the account?', true],
      ['Is there anything else I can do for you?', true],
      ["I've refunded the duplicate payment of $12.50.", false],
      ['Let me look up order A1234567.', false],
    ])('isScripted(%j) is %s', (sentence, scripted) => {
      expect(isScripted(sentence)).toBe(scripted);
    });

    it('given a reason opened with spoken lead-ins, then the reason starts where the customer does', () => {
      const s = summarizeOffline(dialogue([['AGENT', 'Good day, Omar speaking.'], ['CUSTOMER', 'Okay so, Hello, I want to change the delivery address on my account.']]), { contactId: 'c-10', now: NOW });
      expect(s.reason).toBe('I want to change the delivery address on my account.');
    });

    it('does not end a sentence at a title such as Mr. or Dr.', () => {
      expect(splitSentences('Have you asked Mr. Smith about it? He knows.')).toEqual(['Have you asked Mr. Smith about it?', 'He knows.']);
    });
  });

  it('given an empty transcript, then a valid summary still comes out', () => {
    const s = summarizeOffline(dialogue([]), { contactId: 'c-4', now: NOW });
    expect(validateCallSummary(s).ok).toBe(true);
    expect(s.reason).toMatch(/No reason/);
  });

  it('given the Contact Lens redacted voice sample, then cancellation, retention action and follow-up are found', () => {
    const file = sharedPath('fixtures', 'real', 'connect-docs', 'contact-lens-analysis-voice-redacted.jsonc');
    const json = JSON.parse(readText(file).replace(/\/\/[^\n]*/g, '')) as { Transcript: { Content: string; ParticipantId: TurnRole; BeginOffsetMillis: number; EndOffsetMillis: number; Sentiment: 'NEGATIVE' }[] };
    const transcript: Transcript = {
      source: 'contact-lens',
      channel: 'VOICE',
      redacted: true,
      turns: json.Transcript.map((t, i) => ({ id: `t${i}`, role: t.ParticipantId, beginMs: t.BeginOffsetMillis, endMs: t.EndOffsetMillis, text: t.Content, sentiment: t.Sentiment })),
    };
    const s = summarizeOffline(transcript, { contactId: 'cl-1', now: NOW });
    expect(s.reason).toMatch(/cancel my plan subscription/);
    expect(s.topics).toEqual(expect.arrayContaining(['cancellation']));
    expect(s.actionsTaken.join(' ')).toMatch(/discount/);
    expect(s.followUps[0]).toMatchObject({ owner: 'agent', due: 'today' });
    expect(s.outcome).toBe('follow-up-needed');
    expect(s.sentiment).toEqual({ start: 'negative', end: 'positive' });
    // "cancel" is an escalation keyword (retention risk) even though the call ended well.
    expect(s.escalation.recommended).toBe(true);
  });
});

describe('summary prose', () => {
  it('rewrites first person into third person, keeping the base verb after an auxiliary', () => {
    expect(toThirdPerson("I want my bill. Can I have it? I'm sure you know.", 'Ann', 'Bob')).toBe("Ann wants Ann's bill. Can Ann have it? Ann is sure Bob know.");
  });

  it('renders reason, first action and first follow-up as reported speech', () => {
    const s = summarizeOffline(
      dialogue([
        ['AGENT', 'How can I help?'],
        ['CUSTOMER', 'I need to change my delivery address.'],
        ['AGENT', 'I have updated your address.'],
        ['AGENT', 'I will send you a confirmation today.'],
      ]),
      { contactId: 'c', now: NOW },
    );
    expect(summaryToProse(s)).toBe(
      "The customer needs to change The customer's delivery address. The agent has updated The customer's address. The agent will send The customer a confirmation today.",
    );
  });
});
