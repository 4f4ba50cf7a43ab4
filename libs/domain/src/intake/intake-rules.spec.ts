import { filesUnder, readText, sharedPath } from '../../../testing/src/fixtures';
import { futureTimestampProblem } from './clock-skew.rule';
import { CONTACT_ID_MAX_LENGTH, isContactId } from './contact-id.rule';
import { DYNAMO_MAX_DEPTH, itemLimitBreach } from './dynamo-item-limits';

const FIXTURES = sharedPath('fixtures');

describe('intake rules', () => {
  describe('ContactId', () => {
    it.each(['b49644f6-672f-445c-b209-f76b36482830', 'ContactId-1', 'A', 'x'.repeat(CONTACT_ID_MAX_LENGTH), 'contact_2'])('given %s, then it is a contact id', (id) => {
      expect(isContactId(id)).toBe(true);
    });

    it.each([
      ['blank', ''],
      ['spaces', '   '],
      ['a path', '../etc/passwd'],
      ['a slash', 'a/b'],
      ['a backslash', 'a\\b'],
      ['a dot pair', '..'],
      ['a newline', 'abc\nFORGED log line'],
      ['an emoji', 'call-📞'],
      ['non-ASCII letters', 'kontakt-ä'],
      ['a leading dash', '-abc'],
      ['one too long', 'x'.repeat(CONTACT_ID_MAX_LENGTH + 1)],
      ['not a string', 42],
    ])('given %s, then it is refused', (_label, id) => {
      expect(isContactId(id)).toBe(false);
    });

    it('given every CTR and contact-event fixture, then each ContactId (and chain id) passes the rule', () => {
      const ids: string[] = [];
      for (const file of filesUnder(FIXTURES)) {
        const name = file.slice(file.lastIndexOf('/') + 1);
        if (!/ctr|contact-event/i.test(name) || !/\.jsonl?$/.test(name)) continue;
        for (const match of readText(file).matchAll(/"(?:ContactId|InitialContactId|PreviousContactId|NextContactId|RelatedContactId|contactId|initialContactId)"\s*:\s*"([^"]*)"/g)) ids.push(match[1]);
      }
      expect(ids.length).toBeGreaterThan(10);
      expect(ids.filter((id) => !isContactId(id))).toEqual([]);
    });
  });

  describe('DynamoDB item limits', () => {
    it('given a small record, then no limit is broken', () => {
      expect(itemLimitBreach({ contactId: 'c1', ctr: { Agent: { Username: 'jdoe' }, Attributes: { a: '1' } } })).toBeUndefined();
    });

    it('given a 600 KB record, then the 400 KB item size limit is named', () => {
      const breach = itemLimitBreach({ contactId: 'c1', ctr: { Attributes: { big: 'x'.repeat(600 * 1024) } } });
      expect(breach).toMatchObject({ code: 'ITEM_TOO_LARGE' });
      expect(breach?.message).toContain('400 KB');
    });

    it('given multi-byte text, then its UTF-8 size counts, not its length', () => {
      expect(itemLimitBreach({ ctr: { note: 'é'.repeat(210 * 1024) } })?.code).toBe('ITEM_TOO_LARGE');
      expect(itemLimitBreach({ ctr: { note: 'e'.repeat(210 * 1024) } })).toBeUndefined();
    });

    it('given nesting past 32 levels, then the depth limit is named; exactly 32 passes', () => {
      const nest = (levels: number): unknown => (levels === 0 ? 'leaf' : { n: nest(levels - 1) });
      expect(itemLimitBreach({ ctr: nest(DYNAMO_MAX_DEPTH) })).toBeUndefined();
      const breach = itemLimitBreach({ ctr: nest(40) });
      expect(breach).toMatchObject({ code: 'ITEM_TOO_DEEP', depth: 40 });
      expect(breach?.message).toContain('32 levels');
      expect(itemLimitBreach({ ctr: [[[[nest(30)]]]] })?.code).toBe('ITEM_TOO_DEEP');
    });
  });

  describe('future LastUpdateTimestamp', () => {
    const now = new Date('2024-03-12T15:00:00Z');
    it('given a timestamp within the skew (or in the past), then it is accepted', () => {
      expect(futureTimestampProblem('2024-03-12T15:04:59Z', now, 300)).toBeUndefined();
      expect(futureTimestampProblem('2020-01-01T00:00:00Z', now, 300)).toBeUndefined();
    });
    it('given 2099, then it is refused with how far ahead and the allowed skew', () => {
      expect(futureTimestampProblem('2099-01-01T00:00:00Z', now, 300)).toMatch(/ahead of the server clock; at most 300 s/);
      expect(futureTimestampProblem('2024-03-12T15:05:01Z', now, 300)).toBeDefined();
    });
  });
});
