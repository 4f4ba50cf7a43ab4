import type { ChatTranscriptItem, ContactLensChatAnalysis, ContactLensTranscript, ContactLensVoiceAnalysis, TranscriptSentiment, TranscriptTurn } from './connect-records';
import type { Prng } from './prng';
import type { Scenario } from './scenario-library';
import { ACCOUNT_ID, INSTANCE_ID, RECORDING_BUCKET } from './topology';

export interface TranscriptInput {
  contactId: string;
  channel: 'VOICE' | 'CHAT';
  scenario: Scenario;
  agentFirstName: string;
  customerName: string;
  customerPhone: string | null;
  /** Length of the conversation the transcript covers. */
  durationMs: number;
  /** Wall-clock start (chat messages carry AbsoluteTime). */
  startMs: number;
  rng: Prng;
  /** Whether the customer says something a redactor must catch. */
  speaksPii: boolean;
  /** This leg ends with the agent transferring the customer on. */
  transferOut: boolean;
  /** This leg began with a transfer from a colleague. */
  transferIn: boolean;
  /** Resolved or not; decides the closing lines and sentiment. */
  resolved: boolean;
}

const GREETINGS = [
  'Thank you for calling Example Corp, this is {agent}. How can I help you today?',
  'Hi, you are through to {agent} at Example Corp. What can I do for you?',
  'Good day, {agent} speaking. How may I help?',
];
const CHAT_GREETINGS = ['Hi, this is {agent}. Thanks for reaching out, how can I help?', 'Hello! {agent} here, what can I do for you today?'];
const TRANSFER_GREETINGS = [
  "Hi, this is {agent} from the escalations team. My colleague filled me in, let's get this sorted.",
  "Hello, {agent} here. I've read the notes from my colleague, thanks for holding.",
];
const VERIFY = [
  'Can I have your full name and the phone number on the account, please?',
  'Before I look into that, could you confirm your name and the number on the account?',
  "Sure. First I'll need to verify a few details. What's your name?",
];
const EMPATHY = ["I'm sorry to hear that.", 'I understand, that is frustrating.', 'Thanks for explaining.', 'Okay, I can help with that.'];
const THANKS_POSITIVE = ['Great, thank you so much.', 'Perfect, that is all I needed.', 'Oh good, thanks for sorting that out.', 'Awesome. Thank you.'];
const THANKS_NEUTRAL = ['Okay. I guess that works.', 'Alright, thanks.', 'Fine, thank you.'];
const THANKS_NEGATIVE = ["That's not good enough, but okay.", 'I really hoped this would be fixed today.', 'So I have to wait again. Great.'];
const CLOSINGS = ['Is there anything else I can help you with today?', 'Anything else I can do for you?'];
const GOODBYES = ['No, that is everything. Bye.', "No, that's it, thanks. Goodbye.", 'Nope. Have a good day.'];
const AGENT_BYES = ['Thank you for calling Example Corp. Have a great day.', 'Thanks for your patience, take care.'];
const TRANSFER_LINES = [
  "I'm going to transfer you to a colleague who can approve this. Please stay on the line.",
  "This needs our specialist team, I'll transfer you now. I've added notes so you won't have to repeat yourself.",
];
const FILLERS = ['', '', '', 'Um, ', 'Okay so, ', 'Yeah, ', 'Right, '];
const STREETS = ['Maple Avenue', 'Oak Street', 'Cedar Lane', 'Pine Road', 'Elm Court'];

function fill(template: string, slots: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => slots[key] ?? key);
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}

function digits(rng: Prng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
}

/** PII a redactor must catch. Fictional values only: test card ranges, 555-01xx numbers, example.com, 9xx SSNs. */
function piiLine(rng: Prng, name: string, phone: string): string {
  const kind = rng.int(0, 4);
  const email = `${name.split(' ')[0].toLowerCase()}.${digits(rng, 2)}@example.com`;
  switch (kind) {
    case 0:
      return `Sure, the card number is 4111 1111 1111 ${digits(rng, 4)}, expiry ${rng.int(1, 12)}/${rng.int(26, 30)}, and the security code is ${digits(rng, 3)}.`;
    case 1:
      return `My email is ${email}.`;
    case 2:
      return `It's ${name}, and my social is 9${digits(rng, 2)}-${digits(rng, 2)}-${digits(rng, 4)}.`;
    case 3:
      return `I live at ${rng.int(10, 999)} ${rng.pick(STREETS)}, Springfield, and you can reach me on ${phone}.`;
    default:
      return `My number is ${phone} and the email on the account is ${email}.`;
  }
}

function spokenPhone(phone: string | null, rng: Prng): string {
  if (phone !== null && phone.startsWith('+1') && phone.length === 12) return `${phone.slice(2, 5)}-${phone.slice(5, 8)}-${phone.slice(8)}`;
  return `${rng.int(201, 989)}-555-01${digits(rng, 2)}`;
}

const SCORE: Record<TranscriptSentiment, number> = { POSITIVE: 3, NEUTRAL: 0, NEGATIVE: -3, MIXED: 0 };

/** A Contact Lens post-call analysis document for one contact, in the published layout. */
export function buildTranscript(input: TranscriptInput): ContactLensTranscript {
  const { rng, scenario } = input;
  const slots: Record<string, string> = {
    agent: input.agentFirstName,
    amount: `$${rng.int(12, 480)}.${String(rng.int(0, 99)).padStart(2, '0')}`,
    date: ordinal(rng.int(1, 28)),
    years: String(rng.int(2, 15)),
    days: String(rng.int(3, 10)),
    months: String(rng.pick([3, 6, 12])),
    minutes: String(rng.pick([15, 30, 60])),
    order: `${rng.pick(['A', 'B', 'C', 'W'])}${digits(rng, 7)}`,
    ref: `CASE-${digits(rng, 6)}`,
  };
  const angry = scenario.mood === 'angry';
  const customerOpenSentiment: TranscriptSentiment = scenario.mood === 'calm' ? 'NEUTRAL' : 'NEGATIVE';
  const lines: { who: 'AGENT' | 'CUSTOMER'; text: string; sentiment: TranscriptSentiment }[] = [];
  const agent = (text: string, sentiment: TranscriptSentiment = 'NEUTRAL'): void => void lines.push({ who: 'AGENT', text: fill(text, slots), sentiment });
  const customer = (text: string, sentiment: TranscriptSentiment): void => void lines.push({ who: 'CUSTOMER', text: rng.pick(FILLERS) + fill(text, slots), sentiment });

  const chat = input.channel === 'CHAT';
  agent(rng.pick(input.transferIn ? TRANSFER_GREETINGS : chat ? CHAT_GREETINGS : GREETINGS), 'POSITIVE');
  customer(rng.pick(scenario.openers), customerOpenSentiment);
  if (!input.transferIn) {
    agent(`${rng.pick(EMPATHY)} ${rng.pick(VERIFY)}`);
    const phone = spokenPhone(input.customerPhone, rng);
    customer(input.speaksPii ? piiLine(rng, input.customerName, phone) : `It's ${input.customerName}.`, 'NEUTRAL');
  }
  const detailCount = rng.int(1, Math.min(3, scenario.details.length));
  const details = [...scenario.details];
  for (let i = 0; i < detailCount; i++) {
    const d = details.splice(rng.int(0, details.length - 1), 1)[0];
    customer(d, angry ? 'NEGATIVE' : rng.chance(0.5) ? 'NEUTRAL' : customerOpenSentiment);
    if (i === 0) agent(rng.pick(scenario.agentProbes));
  }
  if (input.transferOut) {
    agent(rng.pick(TRANSFER_LINES));
    customer(rng.pick(['Okay, thanks.', 'Fine.', 'Please make sure they know the whole story.']), 'NEUTRAL');
  } else if (input.resolved) {
    agent(rng.pick(scenario.resolutions), 'POSITIVE');
    customer(rng.pick(THANKS_POSITIVE), 'POSITIVE');
    agent(rng.pick(CLOSINGS), 'POSITIVE');
    customer(rng.pick(GOODBYES), 'POSITIVE');
    agent(rng.pick(AGENT_BYES), 'POSITIVE');
  } else {
    agent(rng.pick(scenario.unresolved));
    customer(rng.pick(angry ? THANKS_NEGATIVE : THANKS_NEUTRAL), angry ? 'NEGATIVE' : 'NEUTRAL');
    agent(rng.pick(CLOSINGS));
    customer(rng.pick(GOODBYES), angry ? 'NEGATIVE' : 'NEUTRAL');
  }

  // Lay the turns over the conversation in proportion to their length, with pauses between them.
  const words = lines.map((l) => l.text.split(' ').length);
  const totalWords = words.reduce((a, b) => a + b, 0);
  const duration = Math.max(input.durationMs, lines.length * 1500);
  const speechShare = chat ? 0.35 : 0.78;
  const gapMs = (duration * (1 - speechShare)) / (lines.length + 1);
  let t = Math.round(gapMs * rng.uniform(0.3, 1));
  const timed: TimedLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const len = Math.max(600, Math.round((duration * speechShare * words[i]) / totalWords));
    const begin = Math.min(t, duration - 2);
    const end = Math.max(Math.min(begin + len, duration), begin + 1);
    timed.push({ ...lines[i], words: words[i], begin, end, id: rng.uuid() });
    t = end + Math.round(gapMs * rng.uniform(0.5, 1.5));
  }
  return chat ? chatAnalysis(input, timed, duration) : voiceAnalysis(input, timed, duration);
}

interface TimedLine {
  who: 'AGENT' | 'CUSTOMER';
  text: string;
  sentiment: TranscriptSentiment;
  words: number;
  /** Offsets into the conversation. */
  begin: number;
  end: number;
  id: string;
}

const round1 = (n: number): number => Math.round(n * 10) / 10;
const round2 = (n: number): number => Math.round(n * 100) / 100;
const average = (values: number[]): number => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);

function metadata(input: TranscriptInput): ContactLensVoiceAnalysis['CustomerMetadata'] {
  const chat = input.channel === 'CHAT';
  const day = new Date(input.startMs).toISOString().slice(0, 10).replace(/-/g, '/');
  return {
    ContactId: input.contactId,
    InstanceId: INSTANCE_ID,
    InputS3Uri: `s3://${RECORDING_BUCKET}/connect/example-corp/${chat ? 'ChatTranscripts' : 'CallRecordings'}/${day}/${input.contactId}.${chat ? 'json' : 'wav'}`,
  };
}

/** The post-call layout of contact-lens-analysis-voice-original (admin guide). */
function voiceAnalysis(input: TranscriptInput, lines: TimedLine[], duration: number): ContactLensVoiceAnalysis {
  const { rng } = input;
  const transcript: TranscriptTurn[] = lines.map((l) => ({
    BeginOffsetMillis: l.begin,
    Content: l.text,
    EndOffsetMillis: l.end,
    Id: l.id,
    ParticipantId: l.who,
    Sentiment: l.sentiment,
    LoudnessScore: Array.from({ length: Math.max(1, Math.ceil((l.end - l.begin) / 1000)) }, () => round2(rng.uniform(55, 90))),
  }));
  const talk = { AGENT: 0, CUSTOMER: 0 };
  const wordsBy = { AGENT: 0, CUSTOMER: 0 };
  for (const l of lines) {
    talk[l.who] += l.end - l.begin;
    wordsBy[l.who] += l.words;
  }
  const quarters = (who: 'AGENT' | 'CUSTOMER'): { BeginOffsetMillis: number; EndOffsetMillis: number; Score: number }[] =>
    [0, 1, 2, 3].map((q) => {
      const b = Math.round((duration * q) / 4);
      const e = Math.round((duration * (q + 1)) / 4);
      const inQ = transcript.filter((x) => x.ParticipantId === who && x.BeginOffsetMillis >= b && x.BeginOffsetMillis < e);
      return { BeginOffsetMillis: b, EndOffsetMillis: e, Score: round1(average(inQ.map((x) => SCORE[x.Sentiment]))) };
    });
  const overall = (who: 'AGENT' | 'CUSTOMER'): number => round1(average(transcript.filter((x) => x.ParticipantId === who).map((x) => SCORE[x.Sentiment])));
  const wpm = (who: 'AGENT' | 'CUSTOMER'): number => Math.round(wordsBy[who] / Math.max(talk[who] / 60000, 0.01));
  return {
    Version: 'VOICE-2022-11-30',
    AccountId: ACCOUNT_ID,
    Channel: 'VOICE',
    ContentMetadata: { Output: 'Raw' },
    CustomerMetadata: metadata(input),
    JobStatus: 'COMPLETED',
    LanguageCode: 'en-US',
    Participants: [
      { ParticipantId: 'CUSTOMER', ParticipantRole: 'CUSTOMER' },
      { ParticipantId: 'AGENT', ParticipantRole: 'AGENT' },
    ],
    Categories: { MatchedCategories: [], MatchedDetails: {} },
    ConversationCharacteristics: {
      TotalConversationDurationMillis: duration,
      Sentiment: {
        OverallSentiment: { AGENT: overall('AGENT'), CUSTOMER: overall('CUSTOMER') },
        SentimentByPeriod: { QUARTER: { AGENT: quarters('AGENT'), CUSTOMER: quarters('CUSTOMER') } },
      },
      Interruptions: { InterruptionsByInterrupter: {}, TotalCount: 0, TotalTimeMillis: 0 },
      NonTalkTime: { TotalTimeMillis: Math.max(0, duration - talk.AGENT - talk.CUSTOMER), Instances: [] },
      TalkSpeed: { DetailsByParticipant: { AGENT: { AverageWordsPerMinute: wpm('AGENT') }, CUSTOMER: { AverageWordsPerMinute: wpm('CUSTOMER') } } },
      TalkTime: {
        TotalTimeMillis: talk.AGENT + talk.CUSTOMER,
        DetailsByParticipant: { AGENT: { TotalTimeMillis: talk.AGENT }, CUSTOMER: { TotalTimeMillis: talk.CUSTOMER } },
      },
    },
    CustomModels: [],
    Transcript: transcript,
  };
}

const EVENT = 'application/vnd.amazonaws.connect.event.';
const SYSTEM_MESSAGES = ['Hello, thanks for contacting Example Corp.', 'You are now being placed in queue to chat with an agent.'];

/**
 * The post-chat layout of contact-lens-analysis-chat-original (admin guide): every item has a Type
 * (MESSAGE or EVENT) and an AbsoluteTime; the flow's system messages and the join/leave events come
 * with the conversation; sentiment is per item group, not per item.
 */
function chatAnalysis(input: TranscriptInput, lines: TimedLine[], duration: number): ContactLensChatAnalysis {
  const { rng } = input;
  const at = (offset: number): string => new Date(input.startMs + offset).toISOString();
  const people = {
    CUSTOMER: { id: rng.uuid(), name: input.customerName.split(' ')[0] },
    AGENT: { id: rng.uuid(), name: input.agentFirstName },
    SYSTEM: { id: rng.uuid(), name: 'SYSTEM_MESSAGE' },
  };
  const item = (offset: number, who: keyof typeof people, type: 'MESSAGE' | 'EVENT', content: string): ChatTranscriptItem => ({
    AbsoluteTime: at(offset),
    ...(type === 'MESSAGE' ? { Content: content } : {}),
    ContentType: type === 'EVENT' ? `${EVENT}${content}` : who === 'SYSTEM' ? 'text/plain' : 'text/markdown',
    DisplayName: people[who].name,
    Id: rng.uuid(),
    ParticipantId: people[who].id,
    ParticipantRole: who,
    Type: type,
  });
  // The customer joins and hears the flow's messages while queued, before the agent joins at offset 0.
  const queued = Math.round(rng.uniform(4000, 9000));
  const items: ChatTranscriptItem[] = [
    item(-queued, 'CUSTOMER', 'EVENT', 'participant.joined'),
    item(-queued + 1500, 'SYSTEM', 'MESSAGE', SYSTEM_MESSAGES[0]),
    item(-queued + 3000, 'SYSTEM', 'MESSAGE', SYSTEM_MESSAGES[1]),
    item(0, 'AGENT', 'EVENT', 'participant.joined'),
  ];
  const messages = lines.map((l) => ({ ...item(l.begin, l.who, 'MESSAGE', l.text), Id: l.id }));
  items.push(...messages);
  const last = lines.length ? lines[lines.length - 1].begin : 0;
  const leftAt = Math.max(last + 1000, duration - 1000);
  items.push(item(leftAt, 'CUSTOMER', 'EVENT', 'participant.left'), item(leftAt + 200, 'SYSTEM', 'EVENT', 'chat.ended'));

  const scores = { AGENT: [] as number[], CUSTOMER: [] as number[] };
  const groups = lines.map((l) => {
    scores[l.who].push(SCORE[l.sentiment]);
    return { ParticipantRole: l.who, ProgressiveScore: round2(average(scores[l.who])), Sentiment: l.sentiment, TranscriptItems: [{ Id: l.id }] };
  });
  const shift = (values: number[]): { BeginScore: number; EndScore: number } => ({ BeginScore: values[0] ?? 0, EndScore: values[values.length - 1] ?? 0 });
  // A response time is how long a participant took to answer the other one's message.
  const responses = { AGENT: [] as { ms: number; id: string }[], CUSTOMER: [] as { ms: number; id: string }[] };
  lines.forEach((l, i) => {
    const previous = lines[i - 1];
    if (previous && previous.who !== l.who) responses[l.who].push({ ms: l.begin - previous.begin, id: l.id });
  });
  const responseTime = (who: 'AGENT' | 'CUSTOMER') => {
    const mine = responses[who];
    const max = mine.reduce<{ ms: number; id: string } | undefined>((m, r) => (!m || r.ms > m.ms ? r : m), undefined);
    return {
      Average: { ValueMillis: Math.round(average(mine.map((r) => r.ms))) },
      Maximum: { TranscriptItems: max ? [{ Id: max.id }] : [], ValueMillis: max?.ms ?? 0 },
    };
  };
  const firstAgent = lines.find((l) => l.who === 'AGENT');
  return {
    AccountId: ACCOUNT_ID,
    Categories: { MatchedCategories: [], MatchedDetails: {} },
    Channel: 'CHAT',
    ChatTranscriptVersion: '2019-08-26',
    ContentMetadata: { Output: 'Raw' },
    ConversationCharacteristics: {
      ResponseTime: { AgentGreetingTimeMillis: firstAgent?.begin ?? 0, DetailsByParticipantRole: { AGENT: responseTime('AGENT'), CUSTOMER: responseTime('CUSTOMER') } },
      Sentiment: {
        DetailsByTranscriptItemGroup: groups,
        OverallSentiment: {
          DetailsByInteraction: { DetailsByParticipantRole: { CUSTOMER: { WithAgent: round2(average(scores.CUSTOMER)) } } },
          DetailsByParticipantRole: { AGENT: round2(average(scores.AGENT)), CUSTOMER: round2(average(scores.CUSTOMER)) },
        },
        SentimentShift: {
          DetailsByInteraction: { DetailsByParticipantRole: { CUSTOMER: { WithAgent: shift(scores.CUSTOMER) } } },
          DetailsByParticipantRole: { AGENT: shift(scores.AGENT), CUSTOMER: shift(scores.CUSTOMER), SYSTEM: { BeginScore: 0, EndScore: 0 } },
        },
      },
    },
    CustomerMetadata: metadata(input),
    JobStatus: 'COMPLETED',
    LanguageCode: 'en-US',
    Participants: (['CUSTOMER', 'SYSTEM', 'AGENT'] as const).map((who) => ({ DisplayName: people[who].name, ParticipantId: people[who].id, ParticipantRole: who })),
    Transcript: items,
    Version: 'CHAT-2022-11-30',
  };
}
