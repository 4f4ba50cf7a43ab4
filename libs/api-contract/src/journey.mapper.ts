import type { BuddieEventDetails } from '@buddie/messaging';
import type { EscalationRecord, JourneyRecord } from '@buddie/persistence';
import { toEscalationDto } from './escalation.mapper';
import type { JourneyBriefDto, JourneyDetailDto, JourneyDto, JourneyStepDto } from './journey.dto';

function toStepDto(step: JourneyRecord['steps'][number]): JourneyStepDto {
  const dto: JourneyStepDto = {
    index: step.index,
    source: step.source,
    flowName: step.flowName,
    flowDepth: step.flowDepth,
    moduleType: step.moduleType,
    identifier: step.identifier,
    label: step.label,
    kind: step.kind,
    status: step.status,
    results: step.results,
    startedAt: step.startedAt,
    endedAt: step.endedAt,
    durationMs: step.durationMs,
  };
  if (step.prompt !== undefined) dto.prompt = step.prompt;
  if (step.input) dto.input = { value: step.input.value, masked: step.input.masked };
  if (step.attempts !== undefined) dto.attempts = step.attempts;
  return dto;
}

/** Allow-listed: never the repeat-caller key, block parameters or Lambda results. */
export function toJourneyDto(journey: JourneyRecord): JourneyDto {
  const dto: JourneyDto = {
    contactId: journey.contactId,
    version: journey.version,
    assembledAt: journey.assembledAt,
    outcome: journey.outcome,
    flowOutcome: journey.flowOutcome,
    entryFlowName: journey.entryFlowName,
    channel: journey.channel,
    startedAt: journey.startedAt,
    endedAt: journey.endedAt,
    ivrMs: journey.ivrMs,
    queueMs: journey.queueMs,
    disconnectReason: journey.disconnectReason,
    failed: journey.failed === true,
    failures: (journey.failures ?? []).map((f) => ({ kind: f.kind, severity: f.severity, stepIndex: f.stepIndex, stepLabel: f.stepLabel, flowName: f.flowName, reason: f.reason })),
    steps: (journey.steps ?? []).map(toStepDto),
    flows: (journey.flows ?? []).map((f) => ({ flowName: f.flowName, depth: f.depth, via: f.via, enteredAt: f.enteredAt, firstStep: f.firstStep, lastStep: f.lastStep })),
    prompts: [...(journey.prompts ?? [])],
    endedAtStep: journey.endedAtStep ? { index: journey.endedAtStep.index, label: journey.endedAtStep.label, flowName: journey.endedAtStep.flowName } : null,
    hasContact: journey.hasContact,
    entryCount: journey.entryCount,
    repeatOf: journey.repeatOf,
  };
  if (journey.stepsTruncated !== undefined) dto.stepsTruncated = journey.stepsTruncated;
  return dto;
}

export function toJourneyDetailDto(journey: JourneyRecord, escalations: EscalationRecord[]): JourneyDetailDto {
  return { ...toJourneyDto(journey), escalations: escalations.map(toEscalationDto) };
}

export function toJourneyBriefDto(journey: JourneyRecord): JourneyBriefDto {
  return { contactId: journey.contactId, failed: journey.failed === true, version: journey.version, outcome: journey.outcome, entryFlowName: journey.entryFlowName, startedAt: journey.startedAt, updatedAt: journey.assembledAt };
}

export function journeyEventToDto(type: 'JourneyRecorded' | 'JourneyFailed', detail: BuddieEventDetails['JourneyRecorded'] | BuddieEventDetails['JourneyFailed'], occurredAt: string): JourneyBriefDto {
  const failed = type === 'JourneyFailed' || ('failed' in detail && detail.failed);
  return { contactId: detail.contactId, failed, version: detail.version, outcome: detail.outcome, entryFlowName: detail.entryFlowName, startedAt: detail.startedAt, updatedAt: occurredAt };
}
