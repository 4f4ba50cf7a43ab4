import type { SalesforceMapping } from './salesforce-mapping.model';
import type { CallerMatch } from './salesforce-record.mapper';

/**
 * Quotes a value as a SOQL string literal. SOQL has no bind parameters over REST, so every value that
 * came from outside (a caller number, a contact id) goes through here: backslash first, then quotes and
 * the control characters SOQL's grammar names, so the value can never end the literal early.
 */
export function soqlString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(/\f/g, '\\f')
    .replace(new RegExp(String.fromCharCode(8), 'g'), '\\b');
  return `'${escaped}'`;
}

const API_NAME = /^[A-Za-z][A-Za-z0-9_]{0,79}$/;

/** Field and object names cannot be quoted in SOQL; they come from config, and are checked here anyway. */
export function soqlName(name: string): string {
  if (!API_NAME.test(name)) throw new Error(`'${name}' is not a Salesforce API name`);
  return name;
}

/** E.164 numbers as Connect writes them (+15551234567); anything else is not matched on. */
export function normalizeCallerNumber(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const compact = value.replace(/[\s().-]/g, '');
  return /^\+?[0-9]{6,15}$/.test(compact) ? compact : undefined;
}

/**
 * One query for a whole batch of callers: `SELECT Id, AccountId, Phone, MobilePhone FROM Contact WHERE
 * Phone IN (...) OR MobilePhone IN (...)`. Per-record lookups would spend an API call per call.
 */
export function contactMatchQuery(numbers: string[], mapping: SalesforceMapping): string | undefined {
  const distinct = [...new Set(numbers)];
  if (distinct.length === 0) return undefined;
  const m = mapping.contactMatch;
  const phoneFields = m.phoneFields.map(soqlName);
  const list = `(${distinct.map(soqlString).join(', ')})`;
  const fields = [...new Set(['Id', soqlName(m.accountField), ...phoneFields])];
  return `SELECT ${fields.join(', ')} FROM ${soqlName(m.sobject)} WHERE ${phoneFields.map((f) => `${f} IN ${list}`).join(' OR ')}`;
}

/**
 * Picks the match per number from the query's rows. A number shared by several Contacts is ambiguous
 * and matches none: linking a Case to the wrong person is worse than linking it to nobody.
 */
export function callerMatches(numbers: string[], rows: Record<string, unknown>[], mapping: SalesforceMapping): Map<string, CallerMatch> {
  const found = new Map<string, CallerMatch[]>();
  for (const row of rows) {
    const id = row.Id;
    if (typeof id !== 'string') continue;
    const accountValue = row[mapping.contactMatch.accountField];
    const match: CallerMatch = { contactId: id, accountId: typeof accountValue === 'string' ? accountValue : null };
    const phones = new Set(mapping.contactMatch.phoneFields.map((f) => normalizeCallerNumber(typeof row[f] === 'string' ? (row[f] as string) : undefined)).filter((p): p is string => !!p));
    for (const phone of phones) found.set(phone, [...(found.get(phone) ?? []), match]);
  }
  const result = new Map<string, CallerMatch>();
  for (const number of numbers) {
    const candidates = found.get(number) ?? [];
    if (candidates.length === 1) result.set(number, candidates[0]);
  }
  return result;
}

/**
 * The Service Cloud Voice calls of these contacts: `SELECT Id, VendorCallKey FROM VoiceCall WHERE
 * VendorCallKey IN (...)`. VendorCallKey is not an External ID field (describe shows no idLookup), so a
 * VoiceCall is found by query and updated by its Id; Buddie never creates one (the telephony integration does).
 */
export function voiceCallQuery(contactIds: string[], mapping: SalesforceMapping): string | undefined {
  const distinct = [...new Set(contactIds)];
  if (distinct.length === 0) return undefined;
  const key = soqlName(mapping.voiceCall.keyField);
  return `SELECT Id, ${key} FROM ${soqlName(mapping.voiceCall.sobject)} WHERE ${key} IN (${distinct.map(soqlString).join(', ')})`;
}
