export * from './contact-id.rule';
export * from './dynamo-item-limits';
export * from './clock-skew.rule';
