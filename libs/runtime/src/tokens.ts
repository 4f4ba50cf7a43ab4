export const BUDDIE_CONFIG = Symbol('BUDDIE_CONFIG');
export const APP_NAME = Symbol('APP_NAME');
export const DYNAMO_DOC = Symbol('DYNAMO_DOC');
export const DYNAMO_CLIENT = Symbol('DYNAMO_CLIENT');
export const SQS_CLIENT = Symbol('SQS_CLIENT');
export const EVENTBRIDGE_CLIENT = Symbol('EVENTBRIDGE_CLIENT');
export const QUEUE_RUNNER = Symbol('QUEUE_RUNNER');
export const CLOCK = Symbol('CLOCK');
