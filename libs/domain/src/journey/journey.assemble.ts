import { detectJourneyFailures, type PriorContact } from './journey-failures.detect';
import { DEFAULT_JOURNEY_CONFIG, type AttributeConvention, type JourneyConfig } from './journey-rules';
import { offeredDigits, orderedUniqueEntries, promptText, stepKind, stepLabel } from './journey-steps';
import type {
  FlowLogStepInput,
  FlowOutcome,
  Journey,
  JourneyContactInput,
  JourneyFlowVisit,
  JourneyOutcome,
  JourneyStep,
  StepStatus,
} from './journey.model';
import { maskDeep, maskInput } from './mask-digits';

export interface AssembleJourneyInput {
  contactId: string;
  entries: readonly FlowLogStepInput[];
  contact?: JourneyContactInput | null;
  /** Earlier contacts of the same caller (callerKey), for the repeat-caller rule. */
  priorContacts?: readonly PriorContact[];
  config?: JourneyConfig;
}

const ms = (iso: string | null | undefined): number | null => {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : null;
};

function statusOf(entry: FlowLogStepInput, kind: JourneyStep['kind'], prompt: string | undefined): StepStatus {
  const results = entry.Results ?? null;
  if (kind === 'lambda') return entry.ExternalResults ? 'ok' : 'error';
  if (results !== null && /^error$|error\b/i.test(results) && kind !== 'check') return 'error';
  if (kind === 'input') {
    if (results === null) return 'no-result';
    if (/^timeout$/i.test(results)) return 'timeout';
    if (/^(nomatch|no ?match|invalid)/i.test(results)) return 'no-match';
    const offered = offeredDigits(prompt);
    if (offered && results.length <= 2 && !offered.has(results)) return 'no-match';
  }
  return 'ok';
}

/** An entry's Results as a journey shows them: masked where the digits are sensitive (mask-digits.ts). */
function maskedResults(entry: FlowLogStepInput, kind: JourneyStep['kind'], prompt: string | undefined): { value: string; masked: boolean } | null {
  if (entry.Results === undefined || entry.Results === null) return null;
  if (entry.ResultsMasked) return { value: entry.Results, masked: true };
  return kind === 'input' ? maskInput(entry.Results, { moduleType: entry.ContactFlowModuleType, prompt }) : maskInput(entry.Results, { moduleType: entry.ContactFlowModuleType });
}

const KEYED_DIGITS = /^[0-9#*][0-9#* -]*$/;

/**
 * A flow log entry as ivr-journey may store it while the journey waits for its other half: card, account
 * and PIN digits keyed in (and long digit strings in parameters and Lambda results) are masked before
 * they are written, exactly as the journey will show them, so the raw digits are never stored.
 * Only keyed digit strings of three or more digits are replaced (never a menu key, "Timeout" or an error
 * text), so the step's status and the assembled journey are the same from the stored entry as from the raw one.
 */
export function maskFlowLogEntry<T extends FlowLogStepInput>(entry: T): T {
  const out: T = { ...entry };
  if (entry.Parameters) out.Parameters = maskDeep(entry.Parameters);
  if (entry.ExternalResults) out.ExternalResults = maskDeep(entry.ExternalResults);
  const kind = stepKind(entry.ContactFlowModuleType);
  const results = maskedResults(entry, kind, promptText(entry.ContactFlowModuleType, entry.Parameters));
  if (results?.masked && !entry.ResultsMasked && KEYED_DIGITS.test(entry.Results as string) && (entry.Results as string).replace(/[^0-9]/g, '').length >= 3) {
    out.Results = results.value;
    out.ResultsMasked = true;
  }
  return out;
}

/** Steps from flow log entries: ordered, deduplicated, masked, with time spent on each. */
function stepsFromLog(entries: readonly FlowLogStepInput[]): JourneyStep[] {
  return orderedUniqueEntries(entries).map((entry, index) => {
    const moduleType = entry.ContactFlowModuleType;
    const kind = stepKind(moduleType);
    const prompt = promptText(moduleType, entry.Parameters);
    const status = statusOf(entry, kind, prompt);
    const step: JourneyStep = {
      index,
      source: 'flow-log',
      flowId: entry.ContactFlowId ?? null,
      flowName: entry.ContactFlowName ?? null,
      flowDepth: 0,
      moduleType,
      identifier: entry.Identifier ?? null,
      label: stepLabel(moduleType, entry.Parameters),
      parameters: maskDeep(entry.Parameters ?? {}),
      results: null,
      externalResults: entry.ExternalResults ? maskDeep(entry.ExternalResults) : null,
      kind,
      status,
      startedAt: entry.Timestamp,
      endedAt: null,
      durationMs: null,
    };
    if (prompt) step.prompt = prompt;
    const results = maskedResults(entry, kind, prompt);
    if (results) {
      step.results = results.value;
      if (kind === 'input') step.input = results;
    }
    return step;
  });
}

/**
 * The contact-attributes convention (journey-rules.ts) when there is no flow log: a step per
 * `<step>Status` / `<step>Attempts` attribute, in trail order when the flow records one.
 */
function stepsFromAttributes(contact: JourneyContactInput, convention: AttributeConvention): JourneyStep[] {
  const attributes = contact.attributes;
  const names: string[] = [];
  const add = (name: string) => {
    if (name && !names.includes(name)) names.push(name);
  };
  const trail = attributes[convention.trailAttribute];
  if (typeof trail === 'string') trail.split(convention.trailSeparator).map((s) => s.trim()).forEach(add);
  for (const key of Object.keys(attributes).sort()) {
    if (key.endsWith(convention.statusSuffix) && key.length > convention.statusSuffix.length) add(key.slice(0, -convention.statusSuffix.length));
    if (key.endsWith(convention.attemptsSuffix) && key.length > convention.attemptsSuffix.length) add(key.slice(0, -convention.attemptsSuffix.length));
  }
  const errors = new Set(convention.errorValues.map((v) => v.toLowerCase()));
  return names.map((name, index) => {
    const statusValue = attributes[`${name}${convention.statusSuffix}`];
    const attemptsValue = Number(attributes[`${name}${convention.attemptsSuffix}`]);
    const step: JourneyStep = {
      index,
      source: 'ctr-attributes',
      flowId: null,
      flowName: null,
      flowDepth: 0,
      moduleType: 'ContactAttribute',
      identifier: name,
      label: name,
      parameters: {},
      results: statusValue === undefined ? null : maskInput(statusValue, { moduleType: 'ContactAttribute' }).value,
      externalResults: null,
      kind: Number.isFinite(attemptsValue) ? 'input' : 'other',
      status: statusValue !== undefined && errors.has(statusValue.toLowerCase()) ? 'error' : 'ok',
      startedAt: contact.initiationTimestamp,
      endedAt: null,
      durationMs: null,
    };
    if (Number.isInteger(attemptsValue) && attemptsValue > 0) step.attempts = attemptsValue;
    return step;
  });
}

/** Flow visits: a change of flow after a transfer block is a transfer; back to a flow on the stack, a return; otherwise nested. */
function visitFlows(steps: JourneyStep[]): JourneyFlowVisit[] {
  const visits: JourneyFlowVisit[] = [];
  const stack: (string | null)[] = [];
  let current: JourneyFlowVisit | undefined;
  for (const step of steps) {
    if (current && current.flowId === step.flowId && current.flowName === step.flowName) {
      current.lastStep = step.index;
      step.flowDepth = current.depth;
      continue;
    }
    const key = step.flowId ?? step.flowName;
    let via: JourneyFlowVisit['via'];
    let depth: number;
    if (!current) {
      via = 'entry';
      depth = 0;
      stack.push(key);
    } else {
      const back = stack.lastIndexOf(key);
      const previous = steps[step.index - 1];
      if (back >= 0) {
        via = 'return';
        stack.length = back + 1;
        depth = back;
      } else if (previous && previous.kind === 'transfer') {
        via = 'transfer';
        stack[stack.length - 1] = key;
        depth = stack.length - 1;
      } else {
        via = 'nested';
        stack.push(key);
        depth = stack.length - 1;
      }
    }
    current = { flowId: step.flowId, flowName: step.flowName, depth, via, enteredAt: step.startedAt, firstStep: step.index, lastStep: step.index };
    step.flowDepth = depth;
    visits.push(current);
  }
  return visits;
}

function flowOutcomeOf(steps: JourneyStep[], contact: JourneyContactInput | null | undefined): FlowOutcome {
  if (steps.some((s) => s.moduleType === 'TransferToQueue') || contact?.queue?.enqueueTimestamp) return 'TRANSFERRED_TO_QUEUE';
  const last = steps[steps.length - 1];
  if (last?.moduleType === 'TransferToPhoneNumber') return 'TRANSFERRED_TO_PHONE_NUMBER';
  if (last?.moduleType === 'EndFlowExecution') return 'ENDED_FLOW_EXECUTION';
  if (last?.kind === 'disconnect' || contact?.disconnectReason === 'CONTACT_FLOW_DISCONNECT') return 'DISCONNECTED_PARTICIPANT';
  if (last?.kind === 'transfer') return 'TRANSFERRED_TO_FLOW';
  if (contact?.disconnectReason) return 'DROPPED';
  return 'UNKNOWN';
}

function selfServiceCompleted(steps: JourneyStep[], contact: JourneyContactInput | null | undefined, convention: AttributeConvention): boolean {
  if (contact?.attributes[convention.selfServiceAttribute] === convention.selfServiceValue) return true;
  return steps.some((s) => s.moduleType === 'SetAttributes' && s.parameters.Key === convention.selfServiceAttribute && s.parameters.Value === convention.selfServiceValue);
}

function outcomeOf(steps: JourneyStep[], flowOutcome: FlowOutcome, contact: JourneyContactInput | null | undefined, convention: AttributeConvention): JourneyOutcome {
  const errorAt = steps.findIndex((s) => s.status === 'error');
  const queued = flowOutcome === 'TRANSFERRED_TO_QUEUE';
  const contained = selfServiceCompleted(steps, contact, convention);
  if (errorAt >= 0 && !queued && !contained && (flowOutcome === 'DISCONNECTED_PARTICIPANT' || flowOutcome === 'DROPPED')) return 'failed';
  if (queued) {
    if (!contact || contact.agentConnected) return 'routed-to-agent';
    // A queued callback leaves the inbound contact without an agent by design.
    if (steps.some((s) => s.moduleType === 'TransferToQueue' && s.parameters.CallbackMode === 'true')) return 'routed-to-agent';
    return 'abandoned-in-queue';
  }
  if (contained) return 'contained';
  if (flowOutcome === 'DISCONNECTED_PARTICIPANT' || flowOutcome === 'ENDED_FLOW_EXECUTION') return 'contained';
  if (flowOutcome === 'TRANSFERRED_TO_PHONE_NUMBER') return 'routed-to-agent';
  if (flowOutcome === 'DROPPED') return 'abandoned-in-ivr';
  return 'in-progress';
}

/**
 * Builds the journey from whatever has arrived: flow log entries (any order, duplicates allowed) and,
 * when present, the CTR. Pure and deterministic: the same inputs give the same journey, so a
 * re-assembly after late entries simply replaces the stored version.
 */
export function assembleJourney(input: AssembleJourneyInput): Journey {
  const config = input.config ?? DEFAULT_JOURNEY_CONFIG;
  const contact = input.contact ?? null;
  const logged = input.entries.filter((e) => e.ContactId === input.contactId);
  const steps = logged.length ? stepsFromLog(logged) : contact ? stepsFromAttributes(contact, config.convention) : [];
  const flows = visitFlows(steps);

  const startMs = ms(contact?.initiationTimestamp) ?? ms(steps[0]?.startedAt);
  const enqueueMs = ms(contact?.queue?.enqueueTimestamp);
  const disconnectMs = ms(contact?.disconnectTimestamp);
  const queueStep = steps.find((s) => s.moduleType === 'TransferToQueue');
  const lastLoggedMs = ms(steps[steps.length - 1]?.startedAt);
  const ivrEndMs = enqueueMs ?? ms(queueStep?.startedAt) ?? disconnectMs ?? lastLoggedMs;

  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (step.source !== 'flow-log') continue;
    const next = steps[i + 1];
    const end = next ? ms(next.startedAt) : (disconnectMs ?? null);
    const begin = ms(step.startedAt);
    if (end !== null && begin !== null && end >= begin) {
      step.endedAt = new Date(end).toISOString();
      step.durationMs = end - begin;
    }
  }

  const flowOutcome = flowOutcomeOf(steps, contact);
  const outcome = outcomeOf(steps, flowOutcome, contact, config.convention);
  const dequeueMs = ms(contact?.queue?.dequeueTimestamp) ?? (enqueueMs !== null ? disconnectMs : null);
  const last = steps[steps.length - 1];
  const journey: Journey = {
    contactId: input.contactId,
    entryFlowName: steps[0]?.flowName ?? null,
    entryFlowId: steps[0]?.flowId ?? null,
    channel: contact?.channel ?? null,
    startedAt: startMs !== null ? new Date(startMs).toISOString() : null,
    endedAt: ivrEndMs !== null ? new Date(ivrEndMs).toISOString() : null,
    ivrMs: startMs !== null && ivrEndMs !== null ? Math.max(0, ivrEndMs - startMs) : null,
    queueMs: enqueueMs !== null && dequeueMs !== null ? Math.max(0, dequeueMs - enqueueMs) : null,
    steps,
    flows,
    prompts: steps.filter((s) => s.prompt && (s.kind === 'prompt' || s.kind === 'input')).map((s) => s.prompt as string),
    inputs: steps.filter((s) => s.input).map((s) => ({ stepIndex: s.index, value: s.input!.value, masked: s.input!.masked, status: s.status })),
    endedAtStep: last ? { index: last.index, label: last.label, flowName: last.flowName } : null,
    flowOutcome,
    outcome,
    disconnectReason: contact?.disconnectReason ?? null,
    failures: [],
    failed: false,
    hasContact: contact !== null,
    entryCount: steps.filter((s) => s.source === 'flow-log').length,
    callerKey: contact?.callerKey ?? null,
    repeatOf: null,
  };
  const { failures, repeatOf } = detectJourneyFailures(journey, config.rules, input.priorContacts ?? []);
  journey.failures = failures;
  journey.failed = failures.length > 0;
  journey.repeatOf = repeatOf;
  return journey;
}
