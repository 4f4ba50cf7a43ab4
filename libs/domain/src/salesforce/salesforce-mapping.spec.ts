import { checkMappingAgainstDescribe, fieldLengths, type DescribedObject } from './salesforce-mapping.check';
import { DEFAULT_SALESFORCE_MAPPING, parseSalesforceMapping, type SalesforceMapping } from './salesforce-mapping.model';

const f = (name: string, extra: Partial<DescribedObject['fields'][number]> = {}) => ({ name, type: 'string', length: 255, createable: true, updateable: true, ...extra });

function describesFor(mapping: SalesforceMapping): Map<string, DescribedObject> {
  return new Map<string, DescribedObject>([
    [mapping.case.sobject, { name: mapping.case.sobject, fields: [f('Id', { createable: false, updateable: false }), f(mapping.case.externalIdField, { externalId: true }), ...Object.keys(mapping.case.fields).map((n) => f(n))] }],
    [mapping.task.sobject, { name: mapping.task.sobject, fields: [f(mapping.task.externalIdField, { externalId: true }), ...Object.keys(mapping.task.fields).map((n) => f(n))] }],
  ]);
}

describe('parseSalesforceMapping', () => {
  it('given an empty file, then the defaults apply', () => {
    const parsed = parseSalesforceMapping({});
    expect(parsed).toEqual({ ok: true, value: DEFAULT_SALESFORCE_MAPPING });
  });

  it('given shorthand sources, constants and a value map, then the fields read as rules', () => {
    const parsed = parseSalesforceMapping({
      case: { externalIdField: 'Connect_Contact_Id__c', fields: { Subject: 'summary.headline', Origin: { value: 'Phone' }, Status: { from: 'summary.outcome', map: { resolved: 'Closed' } } } },
      task: { enabled: false },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(parsed.value.case.externalIdField).toBe('Connect_Contact_Id__c');
    expect(parsed.value.case.fields).toEqual({ Subject: { from: 'summary.headline' }, Origin: { value: 'Phone' }, Status: { from: 'summary.outcome', map: { resolved: 'Closed' } } });
    expect(parsed.value.task.enabled).toBe(false);
  });

  it('given several mistakes, then every one is reported with its path', () => {
    const parsed = parseSalesforceMapping({
      case: { sobject: 'Case; DROP', fields: { Subject: 'summary.nope', 'Bad Name': 'link', Buddie_Contact_Id__c: 'link' } },
      task: { dueInDays: { high: -1 } },
      extra: true,
    });
    expect(parsed.ok).toBe(false);
    const paths = parsed.ok ? [] : parsed.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['case.sobject', 'case.fields.Subject.from', 'case.fields.Bad Name', 'task.dueInDays.high', 'extra', 'case.fields.Buddie_Contact_Id__c']));
  });
});

describe('checkMappingAgainstDescribe', () => {
  it('given every mapped field visible and writable, then there is no problem', () => {
    expect(checkMappingAgainstDescribe(DEFAULT_SALESFORCE_MAPPING, describesFor(DEFAULT_SALESFORCE_MAPPING))).toEqual([]);
  });

  it('given a missing field, a read-only field and a plain text key, then each is named', () => {
    const describes = describesFor(DEFAULT_SALESFORCE_MAPPING);
    const caseDescribe = describes.get('Case') as DescribedObject;
    caseDescribe.fields = caseDescribe.fields
      .filter((x) => x.name !== 'Buddie_Sentiment__c')
      .map((x) => (x.name === 'Buddie_Link__c' ? { ...x, updateable: false } : x.name === 'Buddie_Contact_Id__c' ? { ...x, externalId: false } : x));
    const problems = checkMappingAgainstDescribe(DEFAULT_SALESFORCE_MAPPING, describes);
    expect(problems.map((p) => [p.field, p.problem])).toEqual([
      ['Buddie_Contact_Id__c', 'not-external-id'],
      ['Buddie_Sentiment__c', 'field-missing'],
      ['Buddie_Link__c', 'not-updateable'],
    ]);
    expect(problems[1].message).toContain('Case.Buddie_Sentiment__c does not exist or is not visible to the integration user');
  });

  it('given VoiceCall and contact matching enabled but not described, then both objects are reported', () => {
    const mapping: SalesforceMapping = { ...DEFAULT_SALESFORCE_MAPPING, voiceCall: { ...DEFAULT_SALESFORCE_MAPPING.voiceCall, enabled: true }, contactMatch: { ...DEFAULT_SALESFORCE_MAPPING.contactMatch, enabled: true } };
    const problems = checkMappingAgainstDescribe(mapping, describesFor(mapping));
    expect(problems.map((p) => `${p.sobject}:${p.problem}`)).toEqual(['VoiceCall:object-missing', 'Contact:object-missing']);
  });

  it('given fields that are updateable but not createable, then a VoiceCall (only ever updated by Id) takes them and an upserted Case or Task does not', () => {
    const mapping: SalesforceMapping = { ...DEFAULT_SALESFORCE_MAPPING, voiceCall: { ...DEFAULT_SALESFORCE_MAPPING.voiceCall, enabled: true } };
    const describes = describesFor(mapping);
    const voiceFields = [mapping.voiceCall.keyField, ...Object.keys(mapping.voiceCall.fields)];
    describes.set(mapping.voiceCall.sobject, { name: mapping.voiceCall.sobject, fields: [f('Id', { createable: false, updateable: false }), ...voiceFields.map((n) => f(n, { createable: false }))] });
    expect(checkMappingAgainstDescribe(mapping, describes)).toEqual([]);

    const caseDescribe = describes.get('Case')!;
    describes.set('Case', { ...caseDescribe, fields: caseDescribe.fields.map((x) => (x.name === 'Subject' ? { ...x, createable: false } : x)) });
    const taskDescribe = describes.get('Task')!;
    describes.set('Task', { ...taskDescribe, fields: taskDescribe.fields.map((x) => (x.name === 'Subject' ? { ...x, createable: false } : x)) });
    expect(checkMappingAgainstDescribe(mapping, describes).map((p) => `${p.sobject}.${p.field}:${p.problem}`)).toEqual(['Case.Subject:not-createable', 'Task.Subject:not-createable']);
  });

  it('reads text lengths per field for truncation', () => {
    const lengths = fieldLengths(new Map([['Case', { name: 'Case', fields: [f('Subject', { length: 80 }), f('Id', { type: 'id', length: 18 })] }]]));
    expect(lengths.get('Case')).toEqual(new Map([['Subject', 80]]));
  });
});
