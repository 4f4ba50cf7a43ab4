/**
 * PII redaction before a transcript reaches an LLM or Salesforce (DESIGN.md 7). Markers follow
 * Amazon Transcribe's entity types, so text redacted here reads like text redacted by AWS.
 * Detectors are deliberately conservative where a false positive would destroy meaning
 * (order numbers, dates, amounts): CVV, expiry and bare digit runs need context words nearby.
 */
export type PiiType = 'CREDIT_DEBIT_NUMBER' | 'CREDIT_DEBIT_CVV' | 'CREDIT_DEBIT_EXPIRY' | 'SSN' | 'PHONE' | 'EMAIL' | 'NAME' | 'PII';

export interface PiiSpan {
  type: string;
  start: number;
  end: number;
}

export interface RedactPiiOptions {
  /** Names known to be in the text (agent/customer names from the CRM or marked by Contact Lens). */
  names?: readonly string[];
  /** Spans already known to be sensitive, in input offsets; redacted as their own type. */
  marked?: readonly PiiSpan[];
}

export interface RedactedText {
  text: string;
  /** Where each marker sits in the returned text. */
  redactions: PiiSpan[];
}

export function redactPii(text: string, opts: RedactPiiOptions = {}): RedactedText {
  const candidates: (PiiSpan & { priority: number })[] = [
    ...(opts.marked ?? []).map((s) => ({ ...s, priority: 0 })),
    ...findEmails(text).map((s) => ({ ...s, priority: 1 })),
    ...findDigitRuns(text).map((s) => ({ ...s, priority: 2 })),
    ...findFormatted(text).map((s) => ({ ...s, priority: 3 })),
    ...findNames(text, opts.names ?? []).map((s) => ({ ...s, priority: 4 })),
  ];
  candidates.sort((a, b) => a.start - b.start || a.priority - b.priority || b.end - a.end);
  const accepted: PiiSpan[] = [];
  for (const c of candidates) {
    const last = accepted[accepted.length - 1];
    if (c.end <= c.start || (last && c.start < last.end)) continue;
    accepted.push({ type: c.type, start: c.start, end: c.end });
  }
  let out = '';
  let cursor = 0;
  const redactions: PiiSpan[] = [];
  for (const span of accepted) {
    out += text.slice(cursor, span.start);
    const marker = `[${span.type}]`;
    redactions.push({ type: span.type, start: out.length, end: out.length + marker.length });
    out += marker;
    cursor = span.end;
  }
  return { text: out + text.slice(cursor), redactions };
}

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const CARD_CONTEXT = /\b(card|visa|master\s?card|amex|american express|discover|debit|credit)\b/i;
const CVV_CONTEXT = /\b(cvv2?|cvc|csc|security code|verification (code|number|value)|(three|four|3|4)[ -]digit code|code on the back)\b/i;
const EXPIRY_CONTEXT = /\b(expir\w*|exp(\.|\s)?date|valid (thru|through|until)|good (thru|through))\b/i;
const SSN_CONTEXT = /\b(social security|social|ssn|ss number|tax id)\b/i;
const PHONE_CONTEXT = /\b(phone|cell|mobile|telephone|call (me|you|back)|reach (me|you)|number (is|at)|callback|text me|landline)\b/i;
/** Numbers a customer reads out that are not PII and must stay for the summary to make sense. */
const REFERENCE_CONTEXT = /\b(order|tracking|reference|confirmation|invoice|case|ticket|account|policy|member|claim|booking|item|model|serial|zip|postal)\b[^.?!]*$/i;

function before(text: string, start: number, chars = 60): string {
  return text.slice(Math.max(0, start - chars), start);
}

function validNanp(digits: string): boolean {
  const d = digits.length === 11 && digits[0] === '1' ? digits.slice(1) : digits;
  return d.length === 10 && /[2-9]/.test(d[0]) && /[2-9]/.test(d[3]);
}

function validSsn(digits: string): boolean {
  const area = digits.slice(0, 3);
  return digits.length === 9 && area !== '000' && area !== '666' && area[0] !== '9' && digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';
}

function findEmails(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const m of text.matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g)) {
    spans.push({ type: 'EMAIL', start: m.index, end: m.index + m[0].length });
  }
  // Speech-to-text spells addresses out: "john dot doe at example dot com".
  const word = "[A-Za-z0-9]+";
  const spoken = new RegExp(
    `\\b${word}(?:\\s+(?:dot|underscore|dash|hyphen)\\s+${word})*\\s+at\\s+${word}(?:\\s+dot\\s+${word})*\\s+dot\\s+(?:com|net|org|edu|gov|io|co|us|uk|info|biz|me)\\b`,
    'gi',
  );
  for (const m of text.matchAll(spoken)) spans.push({ type: 'EMAIL', start: m.index, end: m.index + m[0].length });
  return spans;
}

function findNames(text: string, names: readonly string[]): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const name of names) {
    const trimmed = name.trim();
    if (trimmed.length < 2) continue;
    const escaped = trimmed.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Case-sensitive: a customer named "Bill" must not erase "bill" from a billing call.
    for (const m of text.matchAll(new RegExp(`(?<![\\w])${escaped}(?![\\w])`, 'g'))) {
      spans.push({ type: 'NAME', start: m.index, end: m.index + m[0].length });
    }
  }
  return spans;
}

/** Formatted numbers: separated phone numbers, E.164, SSN patterns, expiry dates. */
function findFormatted(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  const push = (type: PiiType, m: RegExpMatchArray) => spans.push({ type, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  for (const m of text.matchAll(/(?<![\w+])\d{3}[- ]\d{2}[- ]\d{4}(?![\w])/g)) {
    const digits = m[0].replace(/\D/g, '');
    if (validSsn(digits) && (m[0].includes('-') || SSN_CONTEXT.test(before(text, m.index)))) push('SSN', m);
  }
  for (const m of text.matchAll(/(?<![\w+])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w]|[\s.-]\d)/g)) {
    if (validNanp(m[0].replace(/\D/g, '')) && !REFERENCE_CONTEXT.test(before(text, m.index, 40))) push('PHONE', m);
  }
  for (const m of text.matchAll(/(?<![\w])\+[1-9]\d{7,14}(?![\w])/g)) push('PHONE', m);
  for (const m of text.matchAll(/(?<![\w/])(0?[1-9]|1[0-2])\s?[/-]\s?(\d{4}|\d{2})(?![\w/])/g)) {
    const context = before(text, m.index ?? 0, 50);
    if (EXPIRY_CONTEXT.test(context) && (CARD_CONTEXT.test(context) || /expir|exp/i.test(context))) push('CREDIT_DEBIT_EXPIRY', m);
  }
  return spans;
}

const DIGIT_WORDS: Record<string, string> = {
  zero: '0', oh: '0', o: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
};

interface DigitRun {
  start: number;
  end: number;
  digits: string;
  spoken: boolean;
}

/**
 * Runs of digits, written ("4111 1111-1111 1111") or spoken ("four one one one", "double four",
 * "oh"), with the separators transcribers put between them. Each run is then classified by length,
 * checksum and the words before it.
 */
function digitRuns(text: string): DigitRun[] {
  const tokens = [...text.matchAll(/[A-Za-z]+|\d+/g)].map((m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));
  const runs: DigitRun[] = [];
  let run: DigitRun | undefined;
  let multiplier = 1;
  const close = () => {
    if (run) runs.push(run);
    run = undefined;
    multiplier = 1;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const lower = t.word.toLowerCase();
    const gap = run ? text.slice(run.end, t.start) : '';
    if (run && !/^[\s,-]*$/.test(gap)) close();
    if ((lower === 'double' || lower === 'triple') && DIGIT_WORDS[tokens[i + 1]?.word.toLowerCase() ?? '']) {
      run ??= { start: t.start, end: t.end, digits: '', spoken: true };
      multiplier = lower === 'double' ? 2 : 3;
      run.end = t.end;
      continue;
    }
    const digit = /^\d+$/.test(t.word) ? t.word : DIGIT_WORDS[lower];
    // "o" and "oh" count as zero only inside a run, or "Oh, I see" would start one.
    if (digit === undefined || ((lower === 'o' || lower === 'oh') && !run)) {
      close();
      continue;
    }
    run ??= { start: t.start, end: t.end, digits: '', spoken: false };
    run.digits += digit.repeat(multiplier);
    run.spoken ||= !/^\d+$/.test(t.word);
    run.end = t.end;
    multiplier = 1;
  }
  close();
  return runs;
}

function findDigitRuns(text: string): PiiSpan[] {
  const spans: PiiSpan[] = [];
  for (const run of digitRuns(text)) {
    const { digits } = run;
    const context = before(text, run.start);
    const near = before(text, run.start, 40);
    // Numbers glued to letters or decimals ("1Z999AA1", "$12.50") are codes and amounts, not PII.
    const glued = /[\w$€£.]$/.test(text.slice(0, run.start)) || /^[\w%]|^\.\d/.test(text.slice(run.end));
    if (glued) continue;
    const written = !run.spoken;
    const push = (type: PiiType) => spans.push({ type, start: run.start, end: run.end });
    if (digits.length >= 13 && digits.length <= 19 && luhnValid(digits)) push('CREDIT_DEBIT_NUMBER');
    else if ((digits.length === 3 || digits.length === 4) && CVV_CONTEXT.test(context)) push('CREDIT_DEBIT_CVV');
    else if (digits.length === 9 && validSsn(digits) && SSN_CONTEXT.test(context)) push('SSN');
    else if ((digits.length === 10 || digits.length === 11) && validNanp(digits) && !REFERENCE_CONTEXT.test(near)) {
      // Spoken ten-digit runs are phone numbers in practice; written ones need a phone word nearby.
      if (run.spoken || PHONE_CONTEXT.test(context) || !written) push('PHONE');
    }
  }
  return spans;
}
