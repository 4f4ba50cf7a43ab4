import { detectTranscriptFormat, parseTranscript } from './parse-transcript';
import { readFixture, readJsoncFixture } from './transcript-fixtures.testing';

/**
 * Real files in the shapes AWS documents that are not the ones in ../shared/fixtures: older and newer
 * versions, optional parts left out, every channel. Each record is built from the documented shape
 * (the Contact Lens example output pages, Amazon Lex's transcript input page, the Transcribe output page)
 * or derived from a published sample by the change a real file shows.
 */
type Json = Record<string, unknown>;

function ok<T>(r: { ok: true; value: T } | { ok: false; issues: { path: string; message: string }[] }): T {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.issues)}`);
  return r.value;
}

const CUSTOMER_ID = 'e9b36a6d-12aa-4c21-9745-1881648ecfc8';
const AGENT_ID = 'f36a545d-67b2-4fd4-89fb-896136b609a7';

/** Contact Lens post-call output as written until late 2022 (`Version: "1.1.0"`, participants by UUID). */
function contactLensVoice110(overrides: Json = {}): Json {
  return {
    Version: '1.1.0',
    AccountId: '123456789012',
    Channel: 'VOICE',
    ContentMetadata: { Output: 'Raw' },
    JobStatus: 'COMPLETED',
    LanguageCode: 'en-US',
    Participants: [
      { ParticipantId: CUSTOMER_ID, ParticipantRole: 'CUSTOMER' },
      { ParticipantId: AGENT_ID, ParticipantRole: 'AGENT' },
    ],
    Categories: { MatchedCategories: ['Cancellation'], MatchedDetails: { Cancellation: { PointsOfInterest: [{ BeginOffsetMillis: 7370, EndOffsetMillis: 11190 }] } } },
    ConversationCharacteristics: {
      ContactSummary: { PostContactSummary: { Content: 'The customer asked to cancel; the agent verified the account.' } },
      TotalConversationDurationMillis: 32110,
      Sentiment: { OverallSentiment: { AGENT: 0, CUSTOMER: 3.1 } },
    },
    CustomerMetadata: { ContactId: 'a7a6e9a5-0ec1-4f7d-9d0e-3a9b4c2d1e00', InputS3Uri: 's3://connect-bucket/connect/example/CallRecordings/2022/03/14/a7a6e9a5.wav', InstanceId: 'f23fc323-3d6d-48aa-95dc-EXAMPLE012' },
    Transcript: [
      { BeginOffsetMillis: 0, Content: 'Hello, thank you for calling. How can I help?', EndOffsetMillis: 2900, Id: 't1', ParticipantId: AGENT_ID, Sentiment: 'NEUTRAL', LoudnessScore: [79.27] },
      { BeginOffsetMillis: 3100, Content: 'I would like to cancel my subscription, my name is Peter.', EndOffsetMillis: 7200, Id: 't2', ParticipantId: CUSTOMER_ID, Sentiment: 'NEGATIVE', Redaction: { RedactedTimestamps: [{ BeginOffsetMillis: 6500, EndOffsetMillis: 7000 }] } },
      { BeginOffsetMillis: 7400, Content: "I'm sorry to hear that. I have cancelled it for you.", EndOffsetMillis: 11190, Id: 't3', ParticipantId: AGENT_ID, Sentiment: 'POSITIVE' },
    ],
    ...overrides,
  };
}

describe('Contact Lens output, version 1.1.0 (files from before the VOICE-/CHAT- versions)', () => {
  it('given a 1.1.0 voice file, when parsed, then it is Contact Lens and roles come from Participants by UUID', () => {
    const json = contactLensVoice110();
    expect(detectTranscriptFormat(json)).toBe('contact-lens');
    const t = ok(parseTranscript(json));
    expect(t).toMatchObject({ source: 'contact-lens', channel: 'VOICE', contactId: 'a7a6e9a5-0ec1-4f7d-9d0e-3a9b4c2d1e00', language: 'en-US', redacted: false });
    expect(t.turns.map((x) => [x.role, x.beginMs, x.sentiment])).toEqual([
      ['AGENT', 0, 'NEUTRAL'],
      ['CUSTOMER', 3100, 'NEGATIVE'],
      ['AGENT', 7400, 'POSITIVE'],
    ]);
  });

  it('given the redacted 1.1.0 file, when parsed, then [PII] placeholders are redactions', () => {
    const raw = contactLensVoice110();
    const turns = raw.Transcript as Json[];
    const json = contactLensVoice110({
      ContentMetadata: { Output: 'Redacted', RedactionTypes: ['PII'] },
      Transcript: [turns[0], { ...turns[1], Content: 'I would like to cancel my subscription, my name is [PII].' }, turns[2]],
    });
    const t = ok(parseTranscript(json));
    expect(t.redacted).toBe(true);
    expect(t.turns[1].redactions).toEqual([{ type: 'PII', begin: 51, end: 56 }]);
  });

  it('given a 1.1.0 file without Channel, Categories or ConversationCharacteristics, when parsed, then the voice turns are read', () => {
    const { Channel: _channel, Categories: _categories, ConversationCharacteristics: _characteristics, ...bare } = contactLensVoice110();
    const t = ok(parseTranscript(bare));
    expect(t.channel).toBe('VOICE');
    expect(t.turns).toHaveLength(3);
  });

  it('given a 1.1.0 chat file without Channel, when parsed, then its AbsoluteTime stamps make it a chat', () => {
    const chat = readFixture('real', 'connect-docs', 'contact-lens-analysis-chat-original.json') as Json;
    const { Channel: _channel, ...rest } = chat;
    const t = ok(parseTranscript({ ...rest, Version: '1.1.0' }));
    expect(t.channel).toBe('CHAT');
    expect(t.turns.length).toBeGreaterThan(10);
  });

  it('given the minimal shape Amazon Lex documents as Contact Lens-compatible (no offsets, no Channel), when parsed, then the order of the turns is kept', () => {
    const lex = {
      Participants: [
        { ParticipantId: 'c', ParticipantRole: 'CUSTOMER' },
        { ParticipantId: 'a', ParticipantRole: 'AGENT' },
      ],
      Version: '1.1.0',
      ContentMetadata: { RedactionTypes: ['PII'], Output: 'Raw' },
      CustomerMetadata: { ContactId: 'lex-1' },
      Transcript: [
        { ParticipantId: 'a', Id: '1', Content: 'How can I help you today?' },
        { ParticipantId: 'c', Id: '2', Content: 'I want to book a hotel room in Seattle.' },
        { ParticipantId: 'a', Id: '3', Content: 'I have booked it for you.' },
      ],
    };
    const t = ok(parseTranscript(lex));
    expect(t).toMatchObject({ contactId: 'lex-1', channel: 'VOICE' });
    expect(t.turns.map((x) => [x.id, x.role])).toEqual([
      ['1', 'AGENT'],
      ['2', 'CUSTOMER'],
      ['3', 'AGENT'],
    ]);
  });

  it('given a voice file where only some turns lack offsets, when parsed, then the broken turns are named', () => {
    const raw = contactLensVoice110();
    const turns = raw.Transcript as Json[];
    const { BeginOffsetMillis: _b, ...noBegin } = turns[1];
    const r = parseTranscript(contactLensVoice110({ Transcript: [turns[0], noBegin, turns[2]] }));
    expect(!r.ok && r.issues.map((i) => i.path)).toEqual(['Transcript[1].BeginOffsetMillis']);
  });

  it.each([
    ['a newer VOICE- version', 'VOICE-2023-09-01'],
    ['a two-part version', '1.2'],
  ])('given %s, then it is still Contact Lens', (_name, Version) => {
    expect(detectTranscriptFormat(contactLensVoice110({ Version }))).toBe('contact-lens');
  });

  it('given the newest voice sample (VOICE-2022-11-30), then it still parses as before', () => {
    const t = ok(parseTranscript(readJsoncFixture('real', 'connect-docs', 'contact-lens-analysis-voice-redacted.jsonc')));
    expect(t.turns).toHaveLength(10);
  });
});

describe('chat items without Type', () => {
  const chat = readFixture('real', 'connect-docs', 'contact-lens-analysis-chat-original.json') as Json & { Transcript: Json[] };
  const withoutType = { ...chat, Transcript: chat.Transcript.map(({ Type: _type, ...item }) => item) };

  it('given Contact Lens chat items without Type, when parsed, then messages are kept and join/leave events (by ContentType) are not', () => {
    const typed = ok(parseTranscript(chat));
    const untyped = ok(parseTranscript(withoutType));
    expect(untyped.turns.map((x) => x.id)).toEqual(typed.turns.map((x) => x.id));
    expect(untyped.turns.length).toBeGreaterThan(10);
  });

  it('given a Connect chat transcript without Type, when parsed, then an attachment-less event without Content is skipped', () => {
    const connectChat = {
      Version: '2019-08-26',
      AWSAccountId: '111122223333',
      InstanceId: '5f0c2d7e-3b1a-4c9e-9a41-7e2d6b8c1f00',
      InitialContactId: 'chat-2',
      ContactId: 'chat-2',
      Participants: [{ ParticipantId: 'p-c' }, { ParticipantId: 'p-a' }],
      Transcript: [
        { AbsoluteTime: '2024-03-12T14:00:00.000Z', ContentType: 'application/vnd.amazonaws.connect.event.participant.joined', Id: 'e1', ParticipantId: 'p-c', ParticipantRole: 'CUSTOMER' },
        { AbsoluteTime: '2024-03-12T14:00:02.000Z', Content: 'Where is my order?', ContentType: 'text/plain', Id: 'm1', ParticipantId: 'p-c', ParticipantRole: 'CUSTOMER' },
        { AbsoluteTime: '2024-03-12T14:00:04.000Z', Content: 'Let me check that for you.', ContentType: 'text/markdown', Id: 'm2', ParticipantId: 'p-a', ParticipantRole: 'AGENT' },
        { AbsoluteTime: '2024-03-12T14:00:05.000Z', ContentType: 'application/vnd.amazonaws.connect.event.typing', Id: 'e2', ParticipantId: 'p-a', ParticipantRole: 'AGENT' },
      ],
    };
    expect(ok(parseTranscript(connectChat)).turns.map((x) => [x.id, x.role, x.beginMs])).toEqual([
      ['m1', 'CUSTOMER', 2000],
      ['m2', 'AGENT', 4000],
    ]);
  });

  it('given items with Type EVENT or ATTACHMENT, then only MESSAGE items are turns', () => {
    const mixed = { ...chat, Transcript: chat.Transcript.map((item, i) => (i === 1 ? { ...item, Type: 'ATTACHMENT' } : item)) };
    expect(ok(parseTranscript(mixed)).turns).toHaveLength(ok(parseTranscript(chat)).turns.length - 1);
  });
});

describe('Transcribe output without speaker or channel labels', () => {
  const diarized = readFixture('real', 'transcribe-docs', 'transcribe-batch-output-speaker-diarization.json') as Json & { results: Json & { items: Json[] } };
  // A job run without ShowSpeakerLabels or ChannelIdentification: the same words, no labels anywhere.
  const { speaker_labels: _labels, ...results } = diarized.results;
  const unlabelled = { ...diarized, results: { ...results, items: diarized.results.items.map(({ speaker_label: _s, ...item }) => item) } };

  it('given no labels at all, when parsed, then each sentence is a turn of an unknown speaker with its timing', () => {
    expect(detectTranscriptFormat(unlabelled)).toBe('transcribe');
    const t = ok(parseTranscript(unlabelled, { contactId: 'c-9' }));
    expect(t).toMatchObject({ contactId: 'c-9', source: 'transcribe', channel: 'VOICE' });
    expect(t.turns.map((x) => [x.role, x.text, x.beginMs])).toEqual([
      ['UNKNOWN', "I've been on hold for an hour.", 4870],
      ['UNKNOWN', 'Sorry about that.', 8490],
    ]);
    expect(t.turns[0].endMs).toBe(6880);
  });

  it('given no labels and no punctuation, when parsed, then the words form one turn', () => {
    const words = { ...unlabelled, results: { ...unlabelled.results, items: unlabelled.results.items.filter((i) => i.type !== 'punctuation') } };
    const t = ok(parseTranscript(words));
    expect(t.turns).toHaveLength(1);
    expect(t.turns[0].text).toBe("I've been on hold for an hour Sorry about that");
  });

  it('given diarized output with a label no role is configured for, then it is still refused with the label named', () => {
    const r = parseTranscript(diarized, { speakerRoles: { spk_1: undefined as never } });
    expect(!r.ok && r.issues[0].message).toContain('no role configured for speaker label "spk_1"');
  });
});
