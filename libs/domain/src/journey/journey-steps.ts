import type { FlowLogStepInput, StepKind } from './journey.model';

/** Connect delivers flow logs at least once; the documented dedupe key (CONNECT-FORMATS.md c). */
export function flowEntryKey(entry: FlowLogStepInput): string {
  return `${entry.ContactId}|${entry.Timestamp}|${entry.ContactFlowModuleType}|${entry.Identifier ?? ''}`;
}

/**
 * Duplicates dropped, ordered by timestamp. Ties are broken by the dedupe key, not by arrival, so the
 * same entries give the same journey whatever order they came in.
 */
export function orderedUniqueEntries<T extends FlowLogStepInput>(entries: readonly T[]): T[] {
  const unique = new Map<string, { entry: T; at: number; key: string }>();
  for (const entry of entries) {
    const key = flowEntryKey(entry);
    if (!unique.has(key)) unique.set(key, { entry, at: Date.parse(entry.Timestamp), key });
  }
  return [...unique.values()].sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((u) => u.entry);
}

const KIND_BY_TYPE: Record<string, StepKind> = {
  PlayPrompt: 'prompt',
  GetUserInput: 'input',
  StoreUserInput: 'input',
  GetParticipantInput: 'input',
  InvokeExternalResource: 'lambda',
  InvokeLambdaFunction: 'lambda',
  CheckAttribute: 'check',
  CheckHoursOfOperation: 'check',
  CheckStaffing: 'check',
  SetAttributes: 'set',
  SetVoice: 'set',
  SetRecordingBehavior: 'set',
  SetEventHook: 'set',
  SetCustomerQueueFlow: 'set',
  SetCallbackNumber: 'set',
  SetLoggingBehavior: 'logging',
  SetQueue: 'queue',
  TransferToQueue: 'queue',
  Transfer: 'transfer',
  TransferToFlow: 'transfer',
  TransferToPhoneNumber: 'transfer',
  Disconnect: 'disconnect',
  DisconnectParticipant: 'disconnect',
  EndFlowExecution: 'disconnect',
};

export function stepKind(moduleType: string): StepKind {
  return KIND_BY_TYPE[moduleType] ?? 'other';
}

export function isLambdaType(moduleType: string): boolean {
  return stepKind(moduleType) === 'lambda';
}

function text(parameters: Record<string, unknown> | null | undefined): string | undefined {
  const value = parameters?.Text ?? parameters?.SSML;
  return typeof value === 'string' && value.trim() ? value.replace(/<[^>]*>/g, '').trim() : undefined;
}

const clip = (value: string, max = 60): string => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

/** The last path segment of an ARN (a Lambda's name), or the value itself. */
function arnName(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) return undefined;
  const parts = value.split(/[:/]/);
  return parts[parts.length - 1] || value;
}

/** A name a supervisor can read: the block's purpose and what it says, not its UUID. */
export function stepLabel(moduleType: string, parameters: Record<string, unknown> | null | undefined): string {
  const said = text(parameters);
  switch (moduleType) {
    case 'PlayPrompt':
      return said ? `Prompt "${clip(said)}"` : 'Prompt';
    case 'GetUserInput':
    case 'GetParticipantInput':
      return said ? `Menu "${clip(said)}"` : 'Customer input';
    case 'StoreUserInput':
      return said ? `Collect digits "${clip(said)}"` : 'Collect digits';
    case 'InvokeExternalResource':
    case 'InvokeLambdaFunction':
      return `Lambda ${arnName(parameters?.FunctionArn) ?? ''}`.trim();
    case 'SetAttributes':
      return typeof parameters?.Key === 'string' ? `Set ${parameters.Key}` : 'Set attributes';
    case 'CheckAttribute':
      return 'Check attribute';
    case 'CheckHoursOfOperation':
      return 'Check hours of operation';
    case 'SetQueue':
      return 'Set queue';
    case 'TransferToQueue':
      return parameters?.CallbackMode === 'true' ? 'Queue callback' : 'Transfer to queue';
    default:
      return moduleType;
  }
}

export function promptText(moduleType: string, parameters: Record<string, unknown> | null | undefined): string | undefined {
  const kind = stepKind(moduleType);
  return kind === 'prompt' || kind === 'input' ? text(parameters) : undefined;
}

/** The keys a menu prompt offers ("For billing, press 1. ... press 0."), or undefined when it does not say. */
export function offeredDigits(prompt: string | undefined): Set<string> | undefined {
  if (!prompt) return undefined;
  const digits = new Set<string>();
  for (const match of prompt.matchAll(/\b(?:press|enter|dial|say)\s+([0-9#*])(?![0-9])/gi)) digits.add(match[1]);
  return digits.size ? digits : undefined;
}
