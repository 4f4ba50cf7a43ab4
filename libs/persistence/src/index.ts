export * from './table-definitions';
export * from './ensure-tables';
export * from './cursor';
export * from './dynamo';
export * from './contact.repository';
