import { parseTranscript, detectTranscriptFormat } from './parse-transcript';
import { parseTranscribeBatch } from './transcribe-batch.parser';
import { parseContactLensRealtime } from './contact-lens-realtime.parser';
import { parseConnectChatTranscript } from './connect-chat-transcript.parser';
import { readFixture, readJsoncFixture } from './transcript-fixtures.testing';

function ok<T>(r: { ok: true; value: T } | { ok: false; issues: { path: string; message: string }[] }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.issues)}`);
  return r.value;
}

describe('Transcribe batch output', () => {
  it('given channel identification, when parsed, then ch_0 is the agent, ch_1 the customer, punctuation attached', () => {
    const json = readFixture('real', 'transcribe-docs', 'transcribe-batch-output-channel-identification.json');
    expect(detectTranscriptFormat(json)).toBe('transcribe');
    const t = ok(parseTranscript(json, { contactId: 'c-1' }));
    expect(t).toMatchObject({ contactId: 'c-1', source: 'transcribe', channel: 'VOICE', redacted: false });
    expect(t.turns.map((x) => [x.role, x.text])).toEqual([
      ['AGENT', "I've been on hold for an hour."],
      ['CUSTOMER', 'Sorry about that.'],
    ]);
    expect(t.turns[0].beginMs).toBe(4860);
    expect(t.turns[1].beginMs).toBeGreaterThan(t.turns[0].endMs);
  });

  it('given channel roles configured the other way round, when parsed, then roles swap', () => {
    const json = readFixture('real', 'transcribe-docs', 'transcribe-batch-output-channel-identification.json');
    const t = ok(parseTranscribeBatch(json, { channelRoles: { ch_0: 'CUSTOMER', ch_1: 'AGENT' } }));
    expect(t.turns.map((x) => x.role)).toEqual(['CUSTOMER', 'AGENT']);
  });

  it('given speaker diarization, when parsed, then spk_0/spk_1 map to the configured roles', () => {
    const json = readFixture('real', 'transcribe-docs', 'transcribe-batch-output-speaker-diarization.json');
    const t = ok(parseTranscript(json, { speakerRoles: { spk_0: 'CUSTOMER', spk_1: 'AGENT' } }));
    expect(t.turns.map((x) => [x.role, x.text])).toEqual([
      ['CUSTOMER', "I've been on hold for an hour."],
      ['AGENT', 'Sorry about that.'],
    ]);
  });

  it('given items without speaker_label (older outputs), when parsed, then labels come from the segments', () => {
    const item = (w: string, s: number, e: number) => ({ start_time: String(s), end_time: String(e), alternatives: [{ content: w }], type: 'pronunciation' });
    const json = {
      status: 'COMPLETED',
      results: {
        speaker_labels: { segments: [{ speaker_label: 'spk_0', start_time: '0.0', end_time: '1.0' }, { speaker_label: 'spk_1', start_time: '1.0', end_time: '2.0' }] },
        items: [item('Hi', 0.1, 0.3), item('there', 0.3, 0.6), { alternatives: [{ content: '?' }], type: 'punctuation' }, item('Hello', 1.1, 1.5), { alternatives: [{ content: '.' }], type: 'punctuation' }],
      },
    };
    const t = ok(parseTranscribeBatch(json));
    expect(t.turns.map((x) => [x.role, x.text])).toEqual([
      ['AGENT', 'Hi there?'],
      ['CUSTOMER', 'Hello.'],
    ]);
  });

  it('given a label without a configured role or a failed job, when parsed, then it is rejected with a reason', () => {
    const json = readFixture('real', 'transcribe-docs', 'transcribe-batch-output-speaker-diarization.json');
    const r = parseTranscribeBatch(json, { speakerRoles: { spk_1: undefined as never } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0].message).toContain('spk_1');
    const failed = parseTranscribeBatch({ status: 'FAILED', results: { items: [] } });
    expect(!failed.ok && failed.issues[0].path).toBe('status');
  });
});

describe('Transcribe Call Analytics output', () => {
  // Both published TCA samples are elided with `...` and cannot be parsed; this is their four complete turns.
  const tca = {
    JobStatus: 'COMPLETED',
    LanguageCode: 'en-US',
    Transcript: [
      { Content: "That's very sad to hear. Can I offer you a 50% discount to have you stay with us?", Id: '649afe93', BeginOffsetMillis: 12180, EndOffsetMillis: 16960, Sentiment: 'NEGATIVE', ParticipantRole: 'AGENT' },
      { Content: 'That is a very generous offer. And I accept.', Id: 'f9266cba', BeginOffsetMillis: 17140, EndOffsetMillis: 19860, Sentiment: 'POSITIVE', ParticipantRole: 'CUSTOMER' },
      { Content: 'I will send an email with all the details to you today.', Id: '78cd0923', BeginOffsetMillis: 31800, EndOffsetMillis: 39450, Sentiment: 'POSITIVE', ParticipantRole: 'AGENT' },
      { Content: 'Thank you very much, sir. Goodbye.', Id: '5c5e6be0', BeginOffsetMillis: 40040, EndOffsetMillis: 42460, Sentiment: 'POSITIVE', ParticipantRole: 'CUSTOMER' },
    ],
  };

  it('given the documented shape, when parsed, then ParticipantRole, offsets and sentiment are kept', () => {
    expect(detectTranscriptFormat(tca)).toBe('transcribe-call-analytics');
    const t = ok(parseTranscript(tca, { contactId: 'c-2' }));
    expect(t.source).toBe('transcribe-call-analytics');
    expect(t.contactId).toBe('c-2');
    expect(t.language).toBe('en-US');
    expect(t.turns.map((x) => [x.role, x.sentiment, x.beginMs])).toEqual([
      ['AGENT', 'NEGATIVE', 12180],
      ['CUSTOMER', 'POSITIVE', 17140],
      ['AGENT', 'POSITIVE', 31800],
      ['CUSTOMER', 'POSITIVE', 40040],
    ]);
  });

  it('given a turn with an unknown role, when parsed, then the issue names the turn', () => {
    const bad = { ...tca, Transcript: [{ ...tca.Transcript[0], ParticipantRole: 'ROBOT' }] };
    const r = parseTranscript(bad);
    expect(!r.ok && r.issues.map((i) => i.path)).toEqual(['Transcript[0].ParticipantRole']);
  });
});

describe('Contact Lens post-call analysis', () => {
  it('given the redacted voice sample, when parsed, then [PII] placeholders become redactions and redacted=true', () => {
    const json = readJsoncFixture('real', 'connect-docs', 'contact-lens-analysis-voice-redacted.jsonc');
    expect(detectTranscriptFormat(json)).toBe('contact-lens');
    const t = ok(parseTranscript(json));
    expect(t).toMatchObject({ source: 'contact-lens', channel: 'VOICE', redacted: true, language: 'en-US' });
    expect(t.turns).toHaveLength(10);
    expect(t.turns[0].role).toBe('AGENT');
    expect(t.turns[1].role).toBe('CUSTOMER');
    const withPii = t.turns.filter((x) => x.redactions);
    expect(withPii).toHaveLength(2);
    for (const turn of withPii) for (const r of turn.redactions ?? []) expect(turn.text.slice(r.begin, r.end)).toBe('[PII]');
    expect(t.turns[3].sentiment).toBe('NEGATIVE');
  });

  it('given the raw chat sample, when parsed, then only messages remain, roles come from ParticipantRole and names are marked', () => {
    const json = readFixture('real', 'connect-docs', 'contact-lens-analysis-chat-original.json');
    const t = ok(parseTranscript(json));
    expect(t).toMatchObject({ source: 'contact-lens', channel: 'CHAT', redacted: false, contactId: 'b49644f6-672f-445c-b209-f76b36482830' });
    expect(t.turns[0]).toMatchObject({ role: 'SYSTEM', beginMs: 2655 });
    expect(new Set(t.turns.map((x) => x.role))).toEqual(new Set(['SYSTEM', 'AGENT', 'CUSTOMER']));
    const greeting = t.turns.find((x) => x.id === 'e4949dd1-aaa1-4fbd-84e7-65c95b2d3d9a');
    expect(greeting?.redactions?.map((r) => greeting.text.slice(r.begin, r.end))).toEqual(['is Jane']);
    // The published offsets drift (27-31 lands on "care", not "9008"): spans are snapped to whole words only.
    const card = t.turns.find((x) => x.id === '3ec6adb5-3f11-409c-af39-40cf7ba6f078');
    expect(card?.redactions?.map((r) => card.text.slice(r.begin, r.end))).toEqual(['care']);
    expect(t.turns.every((x, i) => i === 0 || x.beginMs >= t.turns[i - 1].beginMs)).toBe(true);
  });

  it('given the redacted chat sample, when parsed, then sentiment per item and [PII] spans are kept', () => {
    const json = readFixture('real', 'connect-docs', 'contact-lens-analysis-chat-redacted.json');
    const t = ok(parseTranscript(json));
    expect(t.redacted).toBe(true);
    const zip = t.turns.find((x) => x.id === 'd334058f-e3de-4cf1-a361-32e4e61f1839');
    expect(zip?.redactions).toEqual([
      { type: 'PII', begin: 0, end: 5 },
      { type: 'PII', begin: 24, end: 29 },
    ]);
    expect(t.turns.some((x) => x.sentiment === 'NEGATIVE')).toBe(true);
  });
});

describe('Contact Lens real-time segment stream', () => {
  const events = ['started', 'segments', 'completed'].map((n) => readFixture('real', 'connect-docs', `contact-lens-realtime-segment-stream-${n}.json`));

  it('given STARTED, SEGMENTS and COMPLETED, when merged, then final transcripts win over utterances', () => {
    expect(detectTranscriptFormat(events)).toBe('contact-lens-realtime');
    const t = ok(parseTranscript(events));
    expect(t.source).toBe('contact-lens-realtime');
    expect(t.turns.map((x) => [x.role, x.text.slice(0, 20), x.sentiment])).toEqual([
      ['AGENT', 'Hello, thank you for', 'NEUTRAL'],
      ['CUSTOMER', "I'm having trouble s", 'NEGATIVE'],
    ]);
  });

  it('given the same SEGMENTS event delivered twice, when merged, then turns are not duplicated', () => {
    const t = ok(parseContactLensRealtime([events[0], events[1], events[1], events[2]]));
    expect(t.turns).toHaveLength(2);
  });

  it('given only utterances for a transcript, when merged, then the partials are joined into one turn', () => {
    const segments = events[1] as { Segments: unknown[] };
    const partialOnly = { ...segments, Segments: segments.Segments.slice(0, 2) };
    const t = ok(parseContactLensRealtime([partialOnly]));
    expect(t.turns).toEqual([
      { id: 'the ID of the transcript', role: 'AGENT', beginMs: 19010, endMs: 24598, text: 'Hello, thank you for calling Example Corp. My name is Adam. How can I help you?' },
    ]);
  });

  it('given a FAILED event, when merged, then it is rejected as incomplete', () => {
    const failed = readFixture('real', 'connect-docs', 'contact-lens-realtime-segment-stream-failed.json');
    const r = parseTranscript([events[0], events[1], failed]);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]).toEqual({ path: '[2].EventType', message: expect.stringContaining('FAILED') });
  });
});

describe('Connect chat transcript (S3)', () => {
  // No published sample exists in fixtures; built in the documented shape.
  const chat = {
    Version: '2019-08-26',
    AWSAccountId: '111122223333',
    InstanceId: '5f0c2d7e-3b1a-4c9e-9a41-7e2d6b8c1f00',
    InitialContactId: 'chat-0001',
    ContactId: 'chat-0001',
    Participants: [{ ParticipantId: 'p-cust' }, { ParticipantId: 'p-agent' }, { ParticipantId: 'p-bot' }],
    Transcript: [
      { AbsoluteTime: '2024-03-12T14:00:00.000Z', ContentType: 'application/vnd.amazonaws.connect.event.participant.joined', Id: 'e1', Type: 'EVENT', ParticipantId: 'p-cust', DisplayName: 'Customer', ParticipantRole: 'CUSTOMER' },
      { AbsoluteTime: '2024-03-12T14:00:01.000Z', Content: 'Hi, I am the virtual assistant.', ContentType: 'text/plain', Id: 'm0', Type: 'MESSAGE', ParticipantId: 'p-bot', DisplayName: 'BOT', ParticipantRole: 'CUSTOM_BOT' },
      { AbsoluteTime: '2024-03-12T14:00:05.500Z', Content: 'My package never arrived.', ContentType: 'text/plain', Id: 'm1', Type: 'MESSAGE', ParticipantId: 'p-cust', DisplayName: 'Customer', ParticipantRole: 'CUSTOMER' },
      { AbsoluteTime: '2024-03-12T14:00:09.000Z', Content: 'Sorry to hear that, let me check.', ContentType: 'text/plain', Id: 'm2', Type: 'MESSAGE', ParticipantId: 'p-agent', DisplayName: 'akim', ParticipantRole: 'AGENT' },
      { AbsoluteTime: '2024-03-12T14:00:10.000Z', ContentType: 'application/vnd.amazonaws.connect.event.typing', Id: 'e2', Type: 'EVENT', ParticipantId: 'p-agent', DisplayName: 'akim', ParticipantRole: 'AGENT' },
    ],
  };

  it('given a chat transcript, when parsed, then messages become turns timed from the first item', () => {
    expect(detectTranscriptFormat(chat)).toBe('connect-chat');
    const t = ok(parseTranscript(chat));
    expect(t).toMatchObject({ contactId: 'chat-0001', source: 'connect-chat', channel: 'CHAT', redacted: false });
    expect(t.turns.map((x) => [x.id, x.role, x.beginMs])).toEqual([
      ['m0', 'SYSTEM', 1000],
      ['m1', 'CUSTOMER', 5500],
      ['m2', 'AGENT', 9000],
    ]);
  });

  it('given a message with an unknown role or no ContactId, when parsed, then issues name the field', () => {
    const bad = { ...chat, Transcript: [{ ...chat.Transcript[2], ParticipantRole: 'ALIEN' }] };
    const r = parseConnectChatTranscript(bad);
    expect(!r.ok && r.issues[0].path).toBe('Transcript[0].ParticipantRole');
    const { ContactId: _omit, ...noId } = chat;
    const r2 = parseConnectChatTranscript(noId);
    expect(!r2.ok && r2.issues[0].path).toBe('ContactId');
  });
});

describe('PCA output document', () => {
  it('given the PCA sample, when parsed, then its segments map through SpeakerLabels', () => {
    const json = readFixture('real', 'aws-samples', 'pca-ui-testfile-conversation-analytics-output.json');
    expect(detectTranscriptFormat(json)).toBe('pca');
    const t = ok(parseTranscript(json, { contactId: 'pca-1' }));
    expect(t.contactId).toBe('pca-1');
    expect(t.source).toBe('transcribe-call-analytics');
    expect(t.turns).toHaveLength(12);
    expect(t.turns[0]).toMatchObject({ role: 'AGENT', beginMs: 40, text: 'MM.' });
    expect(t.turns.some((x) => x.role === 'CUSTOMER')).toBe(true);
  });
});

describe('detectTranscriptFormat', () => {
  it.each([
    ['a CTR', { ContactId: 'x', Channel: 'VOICE' }],
    ['null', null],
    ['an empty array', []],
    ['an EventBridge event', { 'detail-type': 'Transcribe Job State Change', detail: {} }],
  ])('given %s, then no format is detected and parseTranscript rejects it', (_n, json) => {
    expect(detectTranscriptFormat(json)).toBeUndefined();
    const r = parseTranscript(json);
    expect(!r.ok && r.issues[0].message).toContain('unrecognized transcript format');
  });
});
