export * from './validation/validation-result';
export type { OpenString } from './validation/decoder';
export * from './timestamp';
export * from './connect-enums';
export * from './ctr/ctr.types';
export { parseCtr } from './ctr/ctr.parser';
export * from './ctr/ctr.helpers';
export * from './agent-event/agent-event.types';
export { parseAgentEvent } from './agent-event/agent-event.parser';
export * from './flow-log/flow-log.types';
export {
  parseFlowLogEntry,
  parseCloudWatchLogsSubscription,
  decodeCloudWatchLogsData,
} from './flow-log/flow-log.parser';
export * from './flow-log/flow-log.subscription';
export * from './contact-event/contact-event.types';
export { parseContactEvent } from './contact-event/contact-event.parser';
export * from './eventbridge/eventbridge-envelope.parser';
export * from './ingestion/ingestion-message.classifier';
export { parseJsonc } from './jsonc/jsonc.parser';
export * from './transcript';
