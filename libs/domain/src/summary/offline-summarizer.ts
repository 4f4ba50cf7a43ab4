import { HEADLINE_MAX, type CallSummary, type FollowUp, type FollowUpOwner, type SummaryOutcome, type SummarySentiment } from './call-summary.model';
import type { Transcript, TranscriptTurn, TurnRole } from './transcript.model';

export const OFFLINE_PROVIDER = 'offline';
export const OFFLINE_MODEL = 'extractive-rules-v1';

interface Sentence {
  text: string;
  role: TurnRole;
  turnIndex: number;
}

export function splitSentences(text: string): string[] {
  return text
    .split(/(?<!\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr)\.)(?<=[.!?])\s+(?=["'A-Z0-9[#])/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const PLEASANTRY = /^(?:(?:hi|hello|hey|good (?:morning|afternoon|evening)|thanks?(?: you)?(?: (?:so|very) much)?|ok(?:ay)?|yes|yeah|yep|no|nope|sure|alright|all right|right|great|perfect|wonderful|awesome|bye|goodbye|mm+|uh+|um+|oh|well|sir|ma'am|please|of course)[\s,.!?]*)+$/i;
const GREETING = /^(?:hello|hi|good (?:morning|afternoon|evening))\b.*\b(?:calling|contacting|reaching|how (?:can|may) i help)/i;

function words(s: string): string[] {
  return s.toLowerCase().match(/[a-z0-9']+/g) ?? [];
}

/**
 * The agent's script, not what the agent did: greetings and introductions, thanks for calling, asking the
 * customer to verify, stock empathy, closing questions and goodbyes. Never an action or a follow-up.
 */
const SCRIPTED = [
  /^(?:hi|hello|hey|good (?:morning|afternoon|evening|day))\b/i,
  /\b(?:thank(?:s| you) for (?:calling|contacting|reaching|choosing|holding|waiting|your patience)|welcome to)\b/i,
  /\b(?:this is|my name is|you(?: are|'re) through to)\s+[A-Z]\w*|^[A-Z]\w* (?:speaking|here)\b/,
  /\b(?:verify|confirm)\b.*\b(?:details|name|identity|account|number|date of birth|address)\b|\b(?:can|could|may) i (?:have|get|take) your\b/i,
  /^(?:i'm (?:so |very |really )?sorry to hear (?:that|about that)|i (?:completely |totally )?understand(?:,| that| your)|i see|thanks for explaining|okay, i can help with that)[.!,]?/i,
  /\b(?:anything else|have a (?:great|good|nice|lovely) (?:day|evening|weekend)|take care|goodbye|bye)\b/i,
  /\b(?:filled me in|let's get (?:this|that|you) sorted)\b|^(?:no problem|sure|of course|absolutely|certainly),? i can (?:do|help with) that\b/i,
];

export function isScripted(sentence: string): boolean {
  return SCRIPTED.some((re) => re.test(sentence));
}

/** Done, not about to be done: "I've refunded", "has been applied", "I cancelled". */
const COMPLETED = /\b(?:i|we)(?:'ve| have)\s+(?:\w+\s+)?\w+(?:ed|en|ent|ne|de|t)\b|\b(?:is|has been|have been|are) (?:now )?\w+ed\b|\b(?:i|we) (?:\w+ed|sent|made|found|set up|took)\b/i;

/** Advice put as a question is still advice given: "Why don't you restart the router?" */
const SUGGESTION = /\b(?:why don't you|how about|have you tried|what about trying)\b/i;

/** Worth quoting: not a pleasantry, not the scripted greeting, and long enough to say something. */
export function isSubstantive(sentence: string): boolean {
  return words(sentence).length >= 4 && !PLEASANTRY.test(sentence) && !GREETING.test(sentence);
}

const REQUEST = /\b(want|wanted|need|needs|would like|'d like|like to|trying|try to|problem|issue|can't|cannot|couldn't|won't|doesn't|didn't|isn't|not working|help|wrong|broken|question|wondering|looking for|interested|how (?:do|can|much)|could you|can you|why)\b|\?/i;
const STRONG_REQUEST = /\b(want|wanted|need|needs|would like|'d like|trying to|problem|issue|can't|cannot|not working|broken|wrong|cancel|refund|complain)\b/i;
/** "My name is …" states identity, not the reason for the call. */
const INTRODUCTION = /\b(my name is|this is|speaking|calling from)\b/i;
const ACTION = /\b(?:i|we)(?:'ve| have|'ll| will| can| could| just)?\s+(?:made|make|applied|apply|updated|update|changed|change|cancel(?:l)?ed|cancel|refunded|refund|reset|sent|send|processed|process|issued|issue|credited|credit|checked|check|found|booked|book|scheduled|schedule|added|add|removed|remove|fixed|fix|arranged|arrange|offer(?:ed)?|replac(?:ed|e)|waive(?:d)?|transferr?(?:ed)?|escalat(?:ed|e)|submitted|submit|created|create|opened|open|ordered|order|looked into|look into|extended|extend|upgraded|upgrade|recommend(?:ed)?|suggest(?:ed)?)\b|\b(?:is|has been|have been|are) (?:now )?(?:applied|updated|changed|cancel(?:l)?ed|refunded|reset|processed|fixed|scheduled|booked|sent)\b|\b(?:you can|you could|you should|why don't you|let me)\b/i;
const COMMITMENT = /\b(?:i'll|i will|we'll|we will|i'm going to|we're going to|someone will|a technician will|our team will|you(?:'ll| will| should) (?:receive|get|see|hear)|expect (?:a|an|the)|follow up|call you back|get back to you|you(?:'ll| will)? need to|please (?:send|call|check|reply|upload|email))\b/i;
const DUE = /\b(today|tonight|tomorrow|this (?:week|afternoon|evening)|next (?:week|month|monday|tuesday|wednesday|thursday|friday)|(?:on|by) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|within (?:\w+ )?(?:\d+|one|two|three|four|five|seven|ten|24|48)(?:-\d+)? (?:business )?(?:hours?|days?|weeks?)|in (?:\d+|a few|one|two|three) (?:business )?(?:hours?|days?|weeks?)|end of (?:the )?(?:day|week|month))\b/i;

const POSITIVE = ['thank', 'thanks', 'great', 'perfect', 'awesome', 'wonderful', 'good', 'happy', 'appreciate', 'excellent', 'glad', 'love', 'helpful', 'nice', 'fantastic', 'pleased', 'resolved', 'works', 'generous', 'interesting', 'lovely', 'fine', 'satisfied'];
const NEGATIVE = ['frustrated', 'frustrating', 'angry', 'upset', 'terrible', 'awful', 'bad', 'disappointed', 'disappointing', 'unacceptable', 'ridiculous', 'worst', 'hate', 'problem', 'wrong', 'broken', 'defective', 'complaint', 'annoyed', 'annoying', 'sad', 'horrible', 'useless', 'waste', 'never', 'cancel', 'refund', 'overcharged', 'late', 'lost', 'damaged', 'down', 'failed', 'fails', "doesn't", "isn't", "can't", "won't", 'not'];

function lexiconScore(text: string): number {
  let score = 0;
  for (const w of words(text)) {
    if (POSITIVE.some((p) => w.startsWith(p))) score++;
    if (NEGATIVE.includes(w)) score--;
  }
  return score;
}

function turnScore(turn: TranscriptTurn): number {
  // A sentiment the source computed (Contact Lens, Call Analytics) beats our word counting.
  if (turn.sentiment === 'POSITIVE') return 2;
  if (turn.sentiment === 'NEGATIVE') return -2;
  if (turn.sentiment === 'NEUTRAL' || turn.sentiment === 'MIXED') return 0;
  return lexiconScore(turn.text);
}

function polarity(turns: TranscriptTurn[]): SummarySentiment {
  const total = turns.reduce((sum, t) => sum + turnScore(t), 0);
  return total > 0 ? 'positive' : total < 0 ? 'negative' : 'neutral';
}

export const TOPIC_TAXONOMY: Record<string, RegExp> = {
  billing: /\b(bill(?:s|ed|ing)?|charge[sd]?|invoice|payment|pay|paid|refund|fee|fees|overcharged|price|cost|discount|credit card|debit card|statement|balance)\b/i,
  cancellation: /\b(cancel(?:l?ed|l?ing|lation)?|terminate|unsubscribe|close my account|end my (?:plan|subscription|contract))\b/i,
  'password-login': /\b(password|log ?in|login|sign ?in|locked out|username|two-factor|2fa|verification code|reset link)\b/i,
  delivery: /\b(deliver(?:y|ed)?|shipping|shipped|shipment|package|parcel|tracking|courier|arriv(?:e|ed)|order(?:ed)? (?:hasn't|never|didn't))\b/i,
  complaint: /\b(complain(?:t)?|unacceptable|disappointed|terrible|awful|worst|frustrated|let me down|supervisor|manager|defective)\b/i,
  technical: /\b(error|not working|doesn't work|crash(?:es|ed)?|bug|internet|connection|wifi|router|install|update|device|app|website|portal|outage|reboot|restart)\b/i,
  account: /\b(account|profile|address change|update my (?:address|details|email)|subscription|plan|membership)\b/i,
};

const ESCALATION_WORDS = /\b(supervisor|manager|complaint|lawyer|attorney|legal action|sue|cancel(?:l?ing|lation)?)\b/i;
const UNRESOLVED = /\b(still (?:not|doesn't|isn't|can't)|not (?:resolved|fixed|happy|satisfied)|doesn't help|didn't help|unacceptable|can't help|unable to|escalate|supervisor|waste of time|no solution)\b/i;
const RESOLVED = /\b(thank(?:s| you)|that's great|perfect|sounds good|that works|appreciate|resolved|all set|that helps|wonderful|awesome|great)\b/i;

export interface OfflineSummaryOptions {
  contactId: string;
  now: Date;
}

/** Deterministic extractive + rule-based summary: the same transcript always yields the same summary. */
export function summarizeOffline(transcript: Transcript, opts: OfflineSummaryOptions): CallSummary {
  const sentences: Sentence[] = transcript.turns.flatMap((turn, turnIndex) => splitSentences(turn.text).map((text) => ({ text, role: turn.role, turnIndex })));
  const customer = sentences.filter((s) => s.role === 'CUSTOMER' && isSubstantive(s.text));
  const agent = sentences.filter((s) => s.role === 'AGENT' && isSubstantive(s.text) && !isScripted(s.text));

  const picked = pickReason(customer) ?? pickReason(sentences.filter((s) => s.role !== 'SYSTEM' && isSubstantive(s.text)));
  const reason = picked ? withoutLeadIn(picked) : 'No reason stated in the transcript.';

  const followUps: FollowUp[] = [];
  for (const s of agent.concat(customer).sort((a, b) => a.turnIndex - b.turnIndex)) {
    if (!COMMITMENT.test(s.text) || followUps.some((f) => f.action === s.text)) continue;
    const due = DUE.exec(s.text)?.[0];
    followUps.push({ action: s.text, owner: ownerOf(s), ...(due ? { due } : {}) });
    if (followUps.length >= 3) break;
  }
  const followUpTexts = new Set(followUps.map((f) => f.action));
  const reasonTexts = new Set(splitSentences(picked ?? ''));
  const notYetUsed = (s: Sentence) => !followUpTexts.has(s.text) && !reasonTexts.has(s.text);
  // A question is not something done; what was done comes before what the agent was about to do ("let me check").
  const candidates = agent.filter((s) => ACTION.test(s.text) && notYetUsed(s) && (!s.text.endsWith('?') || SUGGESTION.test(s.text)));
  const done = candidates.filter((s) => COMPLETED.test(s.text));
  const suggested = candidates.filter((s) => s.text.endsWith('?'));
  const about = candidates.filter((s) => !done.includes(s) && !suggested.includes(s));
  let actionsTaken = [...done, ...about, ...suggested].slice(0, 3).map((s) => s.text);
  // No recognisable action verb: the agent's first statement beyond the script is the best record of how
  // the agent responded, and an empty list would hide that the agent said anything at all.
  if (actionsTaken.length === 0) actionsTaken = agent.filter((s) => notYetUsed(s) && !s.text.endsWith('?')).slice(0, 1).map((s) => s.text);

  const customerTurns = transcript.turns.filter((t) => t.role === 'CUSTOMER');
  const third = Math.max(1, Math.ceil(customerTurns.length / 3));
  const sentiment = {
    start: polarity(customerTurns.slice(0, third)),
    end: polarity(customerTurns.slice(customerTurns.length - third)),
  };

  const closing = transcript.turns.filter((t) => t.role !== 'SYSTEM').slice(-4);
  const closingCustomer = closing.filter((t) => t.role === 'CUSTOMER').map((t) => t.text).join(' ');
  let outcome: SummaryOutcome;
  if (UNRESOLVED.test(closingCustomer) || (sentiment.end === 'negative' && !RESOLVED.test(closingCustomer))) outcome = 'unresolved';
  else if (followUps.length > 0) outcome = 'follow-up-needed';
  else if (RESOLVED.test(closing.map((t) => t.text).join(' '))) outcome = 'resolved';
  else outcome = 'unresolved';

  const customerText = customerTurns.map((t) => t.text).join(' ');
  const allText = transcript.turns.map((t) => t.text).join(' ');
  const topics = Object.entries(TOPIC_TAXONOMY)
    .filter(([topic, re]) => re.test(topic === 'complaint' ? customerText : allText))
    .map(([topic]) => topic);

  const keyword = ESCALATION_WORDS.exec(customerText)?.[0];
  const escalation =
    sentiment.end === 'negative' && outcome === 'unresolved'
      ? { recommended: true, reason: 'Customer ended negative and the issue is unresolved.' }
      : keyword
        ? { recommended: true, reason: `Customer mentioned "${keyword.toLowerCase()}".` }
        : { recommended: false };

  const agentNotes = [
    `${transcript.channel === 'CHAT' ? 'Chat' : 'Call'} with ${transcript.turns.length} turns${durationNote(transcript)}.`,
    `Customer sentiment: ${sentiment.start} at the start, ${sentiment.end} at the end.`,
  ];
  const redactedCount = transcript.turns.reduce((n, t) => n + (t.redactions?.length ?? 0), 0);
  if (redactedCount > 0) agentNotes.push(`${redactedCount} sensitive value(s) redacted from the transcript.`);

  return {
    contactId: opts.contactId,
    headline: headline(topics, reason),
    reason,
    actionsTaken,
    outcome,
    followUps,
    sentiment,
    agentNotes,
    topics,
    escalation,
    provider: OFFLINE_PROVIDER,
    model: OFFLINE_MODEL,
    createdAt: opts.now.toISOString(),
  };
}

function pickReason(candidates: Sentence[]): string | undefined {
  if (candidates.length === 0) return undefined;
  // The reason is stated early: prefer an early sentence that asks or needs something.
  const early = candidates.filter((s) => s.turnIndex <= candidates[0].turnIndex + 4);
  const informative = early.filter((s) => !INTRODUCTION.test(s.text));
  const first = informative.find((s) => STRONG_REQUEST.test(s.text)) ?? informative.find((s) => REQUEST.test(s.text)) ?? informative[0] ?? candidates[0];
  const next = candidates.find((s) => s.turnIndex === first.turnIndex && s !== first && candidates.indexOf(s) === candidates.indexOf(first) + 1);
  const text = next && first.text.length + next.text.length < 200 && REQUEST.test(next.text) ? `${first.text} ${next.text}` : first.text;
  return text;
}

/** Spoken lead-ins say nothing about the call: "Okay so, Hello, I want…" is the reason "I want…". */
const LEAD_IN = /^(?:(?:um+|uh+|okay|ok|so|yeah|yes|right|well|oh|hi|hello|hey|alright)\b[,.!]?\s+)+(?=\S)/i;

function withoutLeadIn(text: string): string {
  const rest = text.replace(LEAD_IN, '');
  return rest.length >= 12 ? rest.charAt(0).toUpperCase() + rest.slice(1) : text;
}

function ownerOf(s: Sentence): FollowUpOwner {
  const t = s.text.toLowerCase();
  if (/\byou(?:'ll| will)? need to\b|\bplease (?:send|call|check|reply|upload|email)\b/.test(t)) return s.role === 'AGENT' ? 'customer' : 'agent';
  if (/\b(?:we'll|we will|we're going to|our team|someone will|a technician will|you(?:'ll| will| should) (?:receive|get|see|hear))\b/.test(t)) return 'team';
  if (/\b(?:i'll|i will|i'm going to)\b/.test(t)) return s.role === 'AGENT' ? 'agent' : s.role === 'CUSTOMER' ? 'customer' : 'unknown';
  return 'unknown';
}

function headline(topics: string[], reason: string): string {
  const lead = topics.length > 0 ? `${topics[0][0].toUpperCase()}${topics[0].slice(1)}: ` : '';
  const full = `${lead}${reason}`.replace(/\s+/g, ' ');
  return full.length <= HEADLINE_MAX ? full : `${full.slice(0, HEADLINE_MAX - 1).replace(/\s+\S*$/, '')}…`;
}

function durationNote(t: Transcript): string {
  if (t.turns.length === 0) return '';
  const ms = Math.max(...t.turns.map((x) => x.endMs)) - Math.min(...t.turns.map((x) => x.beginMs));
  return ms > 0 ? `, ${Math.round(ms / 1000)} s` : '';
}
