/**
 * The describe metadata the Salesforce test server serves, in the shape of
 * `GET /services/data/vXX.X/sobjects/{SObject}/describe` (only the keys Buddie reads, plus the usual flags).
 */
export interface FakeFieldDescribe {
  name: string;
  label: string;
  type: 'id' | 'string' | 'textarea' | 'picklist' | 'reference' | 'date' | 'datetime' | 'boolean' | 'phone' | 'url';
  length: number;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  externalId: boolean;
  unique: boolean;
  idLookup: boolean;
  referenceTo: string[];
}

export interface FakeObjectDescribe {
  name: string;
  label: string;
  keyPrefix: string;
  createable: boolean;
  updateable: boolean;
  queryable: boolean;
  fields: FakeFieldDescribe[];
}

type FieldInput = Partial<FakeFieldDescribe> & Pick<FakeFieldDescribe, 'name'>;

export function field(input: FieldInput): FakeFieldDescribe {
  const type = input.type ?? 'string';
  return {
    label: input.name,
    type,
    length: type === 'textarea' ? 32000 : type === 'string' || type === 'picklist' || type === 'phone' || type === 'url' ? 255 : type === 'id' || type === 'reference' ? 18 : 0,
    createable: true,
    updateable: true,
    nillable: true,
    externalId: false,
    unique: false,
    idLookup: false,
    referenceTo: [],
    ...input,
  };
}

const idField = field({ name: 'Id', type: 'id', createable: false, updateable: false, nillable: false, idLookup: true });
const systemFields = [
  idField,
  field({ name: 'CreatedDate', type: 'datetime', createable: false, updateable: false }),
  field({ name: 'LastModifiedDate', type: 'datetime', createable: false, updateable: false }),
];

function object(name: string, keyPrefix: string, fields: FakeFieldDescribe[]): FakeObjectDescribe {
  return { name, label: name, keyPrefix, createable: true, updateable: true, queryable: true, fields: [...systemFields, ...fields] };
}

/**
 * An org with Buddie's package installed: Case and Task with the External ID fields the default mapping
 * uses, Contact/Account for caller matching, and VoiceCall as Service Cloud Voice defines it.
 */
export function defaultSalesforceObjects(): FakeObjectDescribe[] {
  return [
    object('Case', '500', [
      field({ name: 'CaseNumber', createable: false, updateable: false, length: 30 }),
      field({ name: 'Subject' }),
      field({ name: 'Description', type: 'textarea' }),
      field({ name: 'Status', type: 'picklist', length: 40 }),
      field({ name: 'Origin', type: 'picklist', length: 40 }),
      field({ name: 'Priority', type: 'picklist', length: 40 }),
      field({ name: 'Reason', type: 'picklist', length: 40 }),
      field({ name: 'SuppliedPhone', type: 'string', length: 40 }),
      field({ name: 'ContactId', type: 'reference', referenceTo: ['Contact'] }),
      field({ name: 'AccountId', type: 'reference', referenceTo: ['Account'] }),
      field({ name: 'IsClosed', type: 'boolean', createable: false, updateable: false }),
      field({ name: 'Buddie_Contact_Id__c', length: 64, externalId: true, unique: true, idLookup: true }),
      field({ name: 'Buddie_Reason__c', type: 'textarea' }),
      field({ name: 'Buddie_Outcome__c', type: 'picklist', length: 40 }),
      field({ name: 'Buddie_Sentiment__c', length: 40 }),
      field({ name: 'Buddie_Follow_Ups__c', type: 'textarea' }),
      field({ name: 'Buddie_Link__c', type: 'url' }),
    ]),
    object('Task', '00T', [
      field({ name: 'Subject' }),
      field({ name: 'Description', type: 'textarea' }),
      field({ name: 'Status', type: 'picklist', length: 40 }),
      field({ name: 'Priority', type: 'picklist', length: 40 }),
      field({ name: 'ActivityDate', type: 'date' }),
      field({ name: 'WhatId', type: 'reference', referenceTo: ['Case', 'Account'] }),
      field({ name: 'WhoId', type: 'reference', referenceTo: ['Contact'] }),
      field({ name: 'Buddie_Escalation_Id__c', length: 64, externalId: true, unique: true, idLookup: true }),
    ]),
    object('Contact', '003', [
      field({ name: 'LastName', length: 80 }),
      field({ name: 'Phone', type: 'phone', length: 40 }),
      field({ name: 'MobilePhone', type: 'phone', length: 40 }),
      field({ name: 'AccountId', type: 'reference', referenceTo: ['Account'] }),
    ]),
    object('Account', '001', [field({ name: 'Name' }), field({ name: 'Phone', type: 'phone', length: 40 })]),
    // As the object reference describes it: Service Cloud Voice's telephony integration creates the record
    // (VendorCallKey = Connect's ContactId); VendorCallKey is a plain string (no External ID, no idLookup),
    // so an integration finds a call by query and updates it by Id. CallDisposition is the telephony status.
    object('VoiceCall', '0LQ', [
      field({ name: 'VendorCallKey', length: 255 }),
      field({ name: 'CallType', type: 'picklist', length: 40, updateable: false }),
      field({ name: 'CallStartDateTime', type: 'datetime', updateable: false }),
      field({ name: 'CallEndDateTime', type: 'datetime', updateable: false }),
      field({ name: 'FromPhoneNumber', type: 'phone', length: 40, updateable: false }),
      field({ name: 'ToPhoneNumber', type: 'phone', length: 40, updateable: false }),
      field({ name: 'CallDisposition', length: 255 }),
      field({ name: 'RelatedRecordId', type: 'reference', referenceTo: ['Case', 'Account', 'Contact'] }),
      field({ name: 'Buddie_Summary__c', type: 'textarea' }),
      field({ name: 'Buddie_Link__c', type: 'url' }),
    ]),
  ];
}
