/**
 * Least data per scope (DESIGN.md 7): without the `pii` scope a caller sees the customer's number masked
 * and only the contact attributes an operator allow-listed. Pure functions over the stored CTR, so every
 * place that serves contacts (REST, the live snapshot) applies the same rule.
 */
export interface ContactPiiPolicy {
  /** Contact attribute names served as they are; every other attribute is withheld. */
  attributeAllowList: readonly string[];
}

const PHONE = /^\+?[\d\s().-]{4,}$/;

/** `+12065550100` -> `+*******0100`: the country prefix sign and the last 4 digits, which is what a supervisor needs to tell callers apart. */
export function maskAddress(address: string): string {
  if (PHONE.test(address)) {
    const digits = address.replace(/\D/g, '').length;
    let seen = 0;
    return address.replace(/\d/g, (digit) => (++seen > digits - 4 ? digit : '*'));
  }
  const at = address.indexOf('@');
  if (at > 0) return `${address[0]}***${address.slice(at)}`;
  return '***';
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

function maskEndpoint(endpoint: unknown): unknown {
  if (!isObject(endpoint) || typeof endpoint.Address !== 'string') return endpoint;
  return { ...endpoint, Address: maskAddress(endpoint.Address) };
}

function allowAttributes(attributes: unknown, allow: ReadonlySet<string>): unknown {
  if (!isObject(attributes)) return attributes;
  return Object.fromEntries(Object.entries(attributes).filter(([name]) => allow.has(name)));
}

// Fields that carry the customer's identity or free-form user data: masked (endpoints) or withheld (the rest).
const CUSTOMER_ENDPOINTS = ['CustomerEndpoint', 'TransferredToEndpoint'] as const;
const WITHHELD = ['ContactDetails', 'References', 'SegmentAttributes', 'Tags', 'Customer', 'CustomerId', 'CustomerVoiceActivity'] as const;

/** The stored CTR as a key without `pii` may see it: endpoints masked, attributes allow-listed, user data withheld. */
export function minimizeCtr(ctr: Json, policy: ContactPiiPolicy): Json {
  const allow = new Set(policy.attributeAllowList);
  const copy: Json = { ...ctr };
  for (const field of CUSTOMER_ENDPOINTS) if (field in copy) copy[field] = maskEndpoint(copy[field]);
  if ('Attributes' in copy) copy.Attributes = allowAttributes(copy.Attributes, allow);
  for (const field of WITHHELD) delete copy[field];
  return copy;
}

/** Parses the configured allow-list (`CONTACT_ATTRIBUTE_ALLOW_LIST`, comma-separated). */
export function parseAttributeAllowList(value: string): string[] {
  return value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
}

/**
 * A text (a Salesforce error message, a reason) with every occurrence of the given numbers masked: what
 * an external system echoes back must not carry a caller's number into a log, a DLQ reason or the sync state.
 */
export function maskNumbersIn(text: string, numbers: readonly string[]): string {
  let masked = text;
  for (const number of [...new Set(numbers)].filter((n) => n.length >= 4).sort((a, b) => b.length - a.length)) masked = masked.split(number).join(maskAddress(number));
  return masked;
}
