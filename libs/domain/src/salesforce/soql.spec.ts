import { DEFAULT_SALESFORCE_MAPPING } from './salesforce-mapping.model';
import { callerMatches, contactMatchQuery, normalizeCallerNumber, soqlName, soqlString, voiceCallQuery } from './soql';

describe('soqlString', () => {
  it('given quotes, backslashes and line breaks, then each is escaped so the literal cannot end early', () => {
    expect(soqlString("O'Brien")).toBe("'O\\'Brien'");
    expect(soqlString("x\\' OR Name != '")).toBe("'x\\\\\\' OR Name != \\''");
    expect(soqlString('a\nb\t"c"')).toBe("'a\\nb\\t\\\"c\\\"'");
  });

  it('rejects names that are not API names', () => {
    expect(soqlName('Phone')).toBe('Phone');
    expect(() => soqlName('Phone) OR (Id')).toThrow('is not a Salesforce API name');
  });
});

describe('contact matching', () => {
  it('given several callers, then one query covers all of them', () => {
    expect(contactMatchQuery(['+15550001', '+15550002', '+15550001'], DEFAULT_SALESFORCE_MAPPING)).toBe(
      "SELECT Id, AccountId, Phone, MobilePhone FROM Contact WHERE Phone IN ('+15550001', '+15550002') OR MobilePhone IN ('+15550001', '+15550002')",
    );
    expect(contactMatchQuery([], DEFAULT_SALESFORCE_MAPPING)).toBeUndefined();
  });

  it('given a number on two Contacts, then it matches none; a unique number matches its Contact', () => {
    const rows = [
      { Id: '003A', AccountId: '001A', Phone: '+1 555 0001', MobilePhone: null },
      { Id: '003B', AccountId: null, Phone: '+15550002', MobilePhone: null },
      { Id: '003C', AccountId: null, Phone: null, MobilePhone: '+15550002' },
    ];
    const matches = callerMatches(['+15550001', '+15550002'], rows, DEFAULT_SALESFORCE_MAPPING);
    expect([...matches.entries()]).toEqual([['+15550001', { contactId: '003A', accountId: '001A' }]]);
  });

  it('normalizes numbers and ignores anything that is not one', () => {
    expect(normalizeCallerNumber('+1 (555) 123-4567')).toBe('+15551234567');
    expect(normalizeCallerNumber("' OR 1=1")).toBeUndefined();
    expect(normalizeCallerNumber(null)).toBeUndefined();
  });
});

describe('voiceCallQuery', () => {
  it('given the legs of a flush, then one query finds their VoiceCalls by VendorCallKey, each id a bound literal', () => {
    expect(voiceCallQuery(['c-1', "c'2", 'c-1'], DEFAULT_SALESFORCE_MAPPING)).toBe("SELECT Id, VendorCallKey FROM VoiceCall WHERE VendorCallKey IN ('c-1', 'c\\'2')");
    expect(voiceCallQuery([], DEFAULT_SALESFORCE_MAPPING)).toBeUndefined();
  });
});
