/**
 * The IVR journey of one contact: the blocks its flows ran, in order, with what the caller heard and
 * pressed (sensitive digits masked), where it ended and how. Built from contact flow log entries and
 * the contact's CTR (CONNECT-FORMATS.md a and c); both are delivered at least once and in any order.
 */

/** One flow log entry as Connect writes it (structurally the same as @buddie/connect's FlowLogEntry). */
export interface FlowLogStepInput {
  ContactId: string;
  ContactFlowModuleType: string;
  Timestamp: string;
  ContactFlowId?: string | null;
  ContactFlowName?: string | null;
  Identifier?: string | null;
  Parameters?: Record<string, unknown> | null;
  Results?: string | null;
  ExternalResults?: Record<string, unknown> | null;
  /** Set by maskFlowLogEntry: Results already holds the masked digits (the raw ones were never stored). */
  ResultsMasked?: boolean;
}

/** What the journey takes from the CTR; the app maps it from the stored contact. */
export interface JourneyContactInput {
  contactId: string;
  channel: string;
  initiationMethod: string;
  initiationTimestamp: string;
  disconnectTimestamp: string | null;
  /** CTR DisconnectReason: CUSTOMER_DISCONNECT, CONTACT_FLOW_DISCONNECT, AGENT_DISCONNECT, ... */
  disconnectReason: string | null;
  queue: { name: string | null; enqueueTimestamp: string | null; dequeueTimestamp: string | null } | null;
  /** An agent was connected (CTR Agent.ConnectedToAgentTimestamp). */
  agentConnected: boolean;
  /** User-defined contact attributes the flows set (CTR Attributes). */
  attributes: Record<string, string>;
  /** An opaque key of the customer's number (a hash, never the number): repeat-caller detection. */
  callerKey: string | null;
}

export const STEP_KINDS = ['prompt', 'input', 'lambda', 'check', 'set', 'queue', 'transfer', 'disconnect', 'logging', 'other'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/**
 * How a step went. `no-result`: the block logged no Results where one was expected (the caller hung up
 * while it ran).
 */
export const STEP_STATUSES = ['ok', 'error', 'timeout', 'no-match', 'no-result'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export interface JourneyStep {
  /** Position in the journey, from 0. */
  index: number;
  /** Where the step came from: a flow log entry, or the contact attributes convention (no flow log). */
  source: 'flow-log' | 'ctr-attributes';
  flowId: string | null;
  flowName: string | null;
  /** 0 for the flow the contact entered; +1 for each flow entered by transfer or as a module without returning. */
  flowDepth: number;
  moduleType: string;
  identifier: string | null;
  /** A supervisor-readable name: the block type and what it says or does. */
  label: string;
  /** Block configuration as run; long digit strings masked. */
  parameters: Record<string, unknown>;
  results: string | null;
  externalResults: Record<string, unknown> | null;
  kind: StepKind;
  status: StepStatus;
  startedAt: string;
  /** When the next step began, or the contact left the flow; null if unknown. */
  endedAt: string | null;
  durationMs: number | null;
  /** Text the caller heard (PlayPrompt, GetUserInput prompts). */
  prompt?: string;
  /** What the caller entered; masked when it can be a card, account or PIN number. */
  input?: { value: string; masked: boolean };
  /** Attempts the caller needed at this input, when the flow counts them in an attribute (the convention). */
  attempts?: number;
}

export interface JourneyFlowVisit {
  flowId: string | null;
  flowName: string | null;
  depth: number;
  /** How the contact got here: the entry flow, a transfer block, or back from a nested flow. */
  via: 'entry' | 'transfer' | 'nested' | 'return';
  enteredAt: string;
  firstStep: number;
  lastStep: number;
}

/**
 * Connect's flow outcome vocabulary (the flow performance metrics): how the contact left the flows.
 * UNKNOWN when neither the log nor the CTR says.
 */
export const FLOW_OUTCOMES = [
  'TRANSFERRED_TO_QUEUE',
  'TRANSFERRED_TO_PHONE_NUMBER',
  'TRANSFERRED_TO_FLOW',
  'DISCONNECTED_PARTICIPANT',
  'DROPPED',
  'ENDED_FLOW_EXECUTION',
  'UNKNOWN',
] as const;
export type FlowOutcome = (typeof FLOW_OUTCOMES)[number];

/** Buddie's outcome of the whole IVR journey. */
export const JOURNEY_OUTCOMES = ['contained', 'routed-to-agent', 'abandoned-in-ivr', 'abandoned-in-queue', 'failed', 'in-progress'] as const;
export type JourneyOutcome = (typeof JOURNEY_OUTCOMES)[number];

export const FAILURE_KINDS = [
  'error-branch',
  'lambda-error',
  'input-retries',
  'menu-loop',
  'flow-error-disconnect',
  'ivr-abandon',
  'queue-abandon',
  'repeat-caller',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

export const FAILURE_SEVERITIES = ['low', 'medium', 'high'] as const;
export type FailureSeverity = (typeof FAILURE_SEVERITIES)[number];

export interface JourneyFailure {
  kind: FailureKind;
  severity: FailureSeverity;
  /** The step the failure is about (index into steps), null only when the journey has no steps. */
  stepIndex: number | null;
  stepLabel: string | null;
  flowName: string | null;
  /** Why, in words a supervisor understands. */
  reason: string;
}

export interface Journey {
  contactId: string;
  /** The flow the contact entered (first step's flow). */
  entryFlowName: string | null;
  entryFlowId: string | null;
  channel: string | null;
  startedAt: string | null;
  /** When the contact left the IVR (queued, transferred out or disconnected). */
  endedAt: string | null;
  ivrMs: number | null;
  queueMs: number | null;
  steps: JourneyStep[];
  flows: JourneyFlowVisit[];
  prompts: string[];
  inputs: { stepIndex: number; value: string; masked: boolean; status: StepStatus }[];
  /** The last step the contact reached. */
  endedAtStep: { index: number; label: string; flowName: string | null } | null;
  flowOutcome: FlowOutcome;
  outcome: JourneyOutcome;
  disconnectReason: string | null;
  failures: JourneyFailure[];
  failed: boolean;
  /** Whether the CTR was there when this version was assembled (false: after the grace period without it). */
  hasContact: boolean;
  entryCount: number;
  callerKey: string | null;
  /** An earlier contact of the same caller within the repeat window, if any. */
  repeatOf: string | null;
}
