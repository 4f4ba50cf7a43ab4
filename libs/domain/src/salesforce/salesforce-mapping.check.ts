import type { SalesforceMapping } from './salesforce-mapping.model';

/** The parts of a describe result the check reads (GET /sobjects/{SObject}/describe). */
export interface DescribedField {
  name: string;
  type: string;
  length: number;
  createable: boolean;
  updateable: boolean;
  externalId?: boolean;
  idLookup?: boolean;
}

export interface DescribedObject {
  name: string;
  fields: DescribedField[];
}

export interface MappingProblem {
  sobject: string;
  field: string;
  problem: 'object-missing' | 'field-missing' | 'not-createable' | 'not-updateable' | 'not-external-id' | 'not-filterable';
  message: string;
}

/** The sObjects a mapping touches, so the adapter describes exactly those at start-up. */
export function mappedObjects(mapping: SalesforceMapping): string[] {
  const names = [mapping.case.sobject];
  if (mapping.task.enabled) names.push(mapping.task.sobject);
  if (mapping.voiceCall.enabled) names.push(mapping.voiceCall.sobject);
  if (mapping.contactMatch.enabled) names.push(mapping.contactMatch.sobject);
  return [...new Set(names)];
}

/**
 * Checks a mapping against what the integration user can see and write. A field the user lacks
 * field-level access to is absent from describe or not createable/updateable; Salesforce then drops or
 * rejects it at write time, so this runs at start-up and names every such field at once.
 * What "writable" means follows how Buddie writes the object: a Case or Task is upserted (the first
 * write creates it, later ones update it), so its fields must be createable and updateable; a VoiceCall
 * is only ever updated by Id (the telephony integration creates it), so updateable is all it needs.
 * `describes` holds one entry per described object; a missing entry means describe answered 404.
 */
export function checkMappingAgainstDescribe(mapping: SalesforceMapping, describes: ReadonlyMap<string, DescribedObject>): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const writeTarget = (sobject: string, write: 'upsert' | 'update', externalIdField: string | undefined, fields: string[]) => {
    const describe = describes.get(sobject);
    if (!describe) {
      problems.push({ sobject, field: '', problem: 'object-missing', message: `${sobject} is not visible to the integration user (describe failed)` });
      return;
    }
    const byName = new Map(describe.fields.map((f) => [f.name, f]));
    if (externalIdField !== undefined) {
      const key = byName.get(externalIdField);
      if (!key) problems.push({ sobject, field: externalIdField, problem: 'field-missing', message: `${sobject}.${externalIdField} does not exist or is not visible to the integration user` });
      else if (!key.externalId && !key.idLookup) problems.push({ sobject, field: externalIdField, problem: 'not-external-id', message: `${sobject}.${externalIdField} is not an External ID field` });
      else if (!key.createable) problems.push({ sobject, field: externalIdField, problem: 'not-createable', message: `${sobject}.${externalIdField} is not writable by the integration user` });
    }
    for (const name of fields) {
      const f = byName.get(name);
      if (!f) problems.push({ sobject, field: name, problem: 'field-missing', message: `${sobject}.${name} does not exist or is not visible to the integration user` });
      else if (write === 'upsert' && !f.createable) problems.push({ sobject, field: name, problem: 'not-createable', message: `${sobject}.${name} is not createable by the integration user (field-level security or a read-only field)` });
      else if (!f.updateable) problems.push({ sobject, field: name, problem: 'not-updateable', message: `${sobject}.${name} is not updateable by the integration user (field-level security or a read-only field)` });
    }
  };
  writeTarget(mapping.case.sobject, 'upsert', mapping.case.externalIdField, Object.keys(mapping.case.fields));
  if (mapping.task.enabled) writeTarget(mapping.task.sobject, 'upsert', mapping.task.externalIdField, Object.keys(mapping.task.fields));
  if (mapping.voiceCall.enabled) {
    writeTarget(mapping.voiceCall.sobject, 'update', undefined, Object.keys(mapping.voiceCall.fields));
    const describe = describes.get(mapping.voiceCall.sobject);
    if (describe && !describe.fields.some((f) => f.name === mapping.voiceCall.keyField)) {
      problems.push({ sobject: mapping.voiceCall.sobject, field: mapping.voiceCall.keyField, problem: 'field-missing', message: `${mapping.voiceCall.sobject}.${mapping.voiceCall.keyField} does not exist or is not visible` });
    }
  }
  if (mapping.contactMatch.enabled) {
    const describe = describes.get(mapping.contactMatch.sobject);
    if (!describe) {
      problems.push({ sobject: mapping.contactMatch.sobject, field: '', problem: 'object-missing', message: `${mapping.contactMatch.sobject} is not visible to the integration user (describe failed)` });
    } else {
      for (const name of [...mapping.contactMatch.phoneFields, mapping.contactMatch.accountField]) {
        if (!describe.fields.some((f) => f.name === name)) {
          problems.push({ sobject: describe.name, field: name, problem: 'not-filterable', message: `${describe.name}.${name} does not exist or is not visible, so callers cannot be matched on it` });
        }
      }
    }
  }
  return problems;
}

/** Text lengths per field of each object, for truncating values before a write instead of failing it. */
export function fieldLengths(describes: ReadonlyMap<string, DescribedObject>): Map<string, Map<string, number>> {
  const lengths = new Map<string, Map<string, number>>();
  for (const [name, describe] of describes) {
    lengths.set(name, new Map(describe.fields.filter((f) => f.length > 0 && ['string', 'textarea', 'picklist', 'phone', 'url', 'email'].includes(f.type)).map((f) => [f.name, f.length])));
  }
  return lengths;
}
