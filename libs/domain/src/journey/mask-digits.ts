/**
 * Callers key in card, account and PIN numbers; those digits must not be stored or shown. A value is
 * treated as sensitive when the block collects digits (StoreUserInput), when the prompt asks for such a
 * number, or when it is a long digit string wherever it appears (Lambda results, attributes).
 */
const SENSITIVE_PROMPT = /card|account|\bpin\b|social security|\bssn\b|cvv|security code|passcode|password|date of birth|routing|member (?:id|number)|policy number/i;
const DIGITS = /^[0-9][0-9 -]*[0-9]$/;
const LONG_DIGITS = 6;

function digitCount(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) >= 48 && value.charCodeAt(i) <= 57) n++;
  return n;
}

/** Card and account numbers keep their last four digits (what a supervisor needs to talk about one); shorter ones nothing. */
export function maskNumber(value: string): string {
  const digits = value.replace(/[^0-9]/g, '');
  return digits.length >= 12 ? `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}` : '*'.repeat(digits.length || value.length);
}

export function isLongDigitString(value: string): boolean {
  return DIGITS.test(value) && digitCount(value) >= LONG_DIGITS;
}

export function maskInput(value: string, context: { moduleType: string; prompt?: string }): { value: string; masked: boolean } {
  const sensitive =
    context.moduleType === 'StoreUserInput' || (context.prompt !== undefined && SENSITIVE_PROMPT.test(context.prompt) && digitCount(value) > 0) || isLongDigitString(value);
  return sensitive ? { value: maskNumber(value), masked: true } : { value, masked: false };
}

/** Masks long digit strings anywhere in a block's parameters or Lambda results (nested objects included). */
export function maskDeep<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return (isLongDigitString(value) ? maskNumber(value) : value) as T;
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) out[key] = maskDeep(item, depth + 1);
  return out as T;
}
