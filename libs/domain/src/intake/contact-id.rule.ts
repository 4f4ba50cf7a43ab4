/**
 * What a Connect contact id may look like, for every edge that takes one (ingestion, the gateway's
 * routes, `buddie replay`/`parse`). Connect documents a string of 1-256 characters and issues UUIDs;
 * the published samples also use placeholders such as `ContactId-1`. So: ASCII letters and digits with
 * `-` and `_` inside, starting with a letter or digit, at most 256. Nothing that is a path (`/`, `\`,
 * `..`), a line break, whitespace or non-ASCII (an emoji id stored fine, then failed every PutEvents
 * resource ARN) gets in, and what gets in can always be read back through the API.
 */
export const CONTACT_ID_MAX_LENGTH = 256;
export const CONTACT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,255}$/;
export const CONTACT_ID_RULE = 'a contact id: 1-256 ASCII letters, digits, - or _, starting with a letter or digit';

export function isContactId(value: unknown): value is string {
  return typeof value === 'string' && CONTACT_ID_PATTERN.test(value);
}
