import type { OpenString } from '../validation/decoder';

/** Block types seen in real logs; the set is open, since the docs never list it. */
export type FlowModuleType = OpenString<
  | 'SetLoggingBehavior'
  | 'SetVoice'
  | 'CheckHoursOfOperation'
  | 'SetAttributes'
  | 'CheckAttribute'
  | 'PlayPrompt'
  | 'GetUserInput'
  | 'StoreUserInput'
  | 'InvokeExternalResource'
  | 'InvokeLambdaFunction'
  | 'SetQueue'
  | 'TransferToQueue'
  | 'Transfer'
  | 'TransferToFlow'
  | 'TransferToPhoneNumber'
  | 'SetEventHook'
  | 'SetCustomerQueueFlow'
  | 'SetRecordingBehavior'
  | 'Loop'
  | 'Wait'
  | 'Disconnect'
>;

/** One contact flow log message (CONNECT-FORMATS.md section c). Only the three join/order keys are required. */
export interface FlowLogEntry {
  ContactId: string;
  ContactFlowModuleType: FlowModuleType;
  /** Milliseconds precision. */
  Timestamp: string;
  ContactFlowId?: string | null;
  ContactFlowName?: string | null;
  /** The block's id or label in the flow designer. */
  Identifier?: string | null;
  /** Block configuration as run; values are mostly strings, even numbers. */
  Parameters?: Record<string, unknown> | null;
  /** Branch or outcome: digits, "Timeout", "NoMatchingCondition", an error text… Absent when the caller hung up. */
  Results?: string | null;
  /** Lambda output; its absence on InvokeExternalResource means the call failed. */
  ExternalResults?: Record<string, unknown> | null;
}

export const CLOUDWATCH_MESSAGE_TYPES = ['DATA_MESSAGE', 'CONTROL_MESSAGE'] as const;

export interface CloudWatchLogEvent {
  id: string;
  /** Epoch milliseconds. */
  timestamp: number;
  message: string;
}

/** A CloudWatch Logs subscription payload after base64-decoding and gunzipping. */
export interface CloudWatchLogsSubscription {
  /** Empty on CONTROL_MESSAGE (the health check CloudWatch sends when a subscription is created). */
  logGroup: string;
  logStream: string;
  messageType: (typeof CLOUDWATCH_MESSAGE_TYPES)[number];
  logEvents: CloudWatchLogEvent[];
  owner?: string | null;
  subscriptionFilters?: string[] | null;
}
