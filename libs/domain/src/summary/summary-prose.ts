import type { CallSummary } from './call-summary.model';

export interface ProseNames {
  agent: string;
  customer: string;
}

const VERBS_3RD: Record<string, string> = {
  want: 'wants', need: 'needs', like: 'likes', think: 'thinks', have: 'has', do: 'does', go: 'goes', know: 'knows',
  hope: 'hopes', am: 'is', was: 'was', feel: 'feels', get: 'gets', see: 'sees', love: 'loves', work: 'works', live: 'lives',
  mean: 'means', guess: 'guesses', believe: 'believes', wonder: 'wonders', ask: 'asks', plan: 'plans', prefer: 'prefers',
};

/**
 * Rewrites a first-person utterance as reported speech ("I need my bill" → "The customer needs
 * the customer's bill"), so summary fields read as a case note rather than a quote.
 */
export function toThirdPerson(sentence: string, speaker: string, listener: string): string {
  return sentence
    .replace(/\bI'm\b/g, `${speaker} is`)
    .replace(/\bI've\b/g, `${speaker} has`)
    .replace(/\bI'll\b/g, `${speaker} will`)
    .replace(/\bI'd\b/g, `${speaker} would`)
    // "I want" → "X wants", but "Can I have" keeps the base form after an auxiliary.
    .replace(/(\b(?:can|could|may|might|shall|should|will|would|do|did|does|to|must)\s+)?\bI (\w+)\b/gi, (m, aux: string | undefined, verb: string) =>
      aux === undefined ? `${speaker} ${VERBS_3RD[verb.toLowerCase()] ?? verb}` : `${aux}${speaker} ${verb}`,
    )
    .replace(/\bI\b/g, speaker)
    .replace(/\b[Mm]y\b/g, `${speaker}'s`)
    .replace(/\b(?:me|myself|mine)\b/g, speaker)
    .replace(/\b[Yy]ou're\b/g, `${listener} is`)
    .replace(/\b[Yy]our\b/g, `${listener}'s`)
    .replace(/\b[Yy]ou\b/g, listener)
    .replace(/\?$/, '.');
}

/** A short prose rendering of a summary: why the customer called, what was done, what happens next. */
export function summaryToProse(summary: CallSummary, names: ProseNames = { agent: 'The agent', customer: 'The customer' }): string {
  const parts = [toThirdPerson(summary.reason, names.customer, names.agent)];
  if (summary.actionsTaken.length > 0) parts.push(toThirdPerson(summary.actionsTaken[0], names.agent, names.customer));
  if (summary.followUps.length > 0) parts.push(toThirdPerson(summary.followUps[0].action, names.agent, names.customer));
  return parts.map((p) => p.trim().replace(/[.!]*$/, '.')).join(' ');
}
