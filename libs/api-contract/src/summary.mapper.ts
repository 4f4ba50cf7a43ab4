import type { CallSummary } from '@buddie/domain';
import type { BuddieEventDetails } from '@buddie/messaging';
import type { SummaryRecord } from '@buddie/persistence';
import type { CallSummaryDto, SummaryBriefDto, SummaryDto } from './summary.dto';

function callSummaryDto(summary: CallSummary): CallSummaryDto {
  return {
    contactId: summary.contactId,
    headline: summary.headline,
    reason: summary.reason,
    actionsTaken: [...summary.actionsTaken],
    outcome: summary.outcome,
    followUps: summary.followUps.map((f) => ({ action: f.action, owner: f.owner, due: f.due })),
    sentiment: { start: summary.sentiment.start, end: summary.sentiment.end },
    agentNotes: [...summary.agentNotes],
    topics: [...summary.topics],
    escalation: { recommended: summary.escalation.recommended, reason: summary.escalation.reason },
    provider: summary.provider,
    model: summary.model,
    createdAt: summary.createdAt,
  };
}

/** The summary as served: token usage, S3 locations and transcription bookkeeping stay inside. */
export function toSummaryDto(record: SummaryRecord): SummaryDto {
  return {
    contactId: record.contactId,
    status: record.status,
    updatedAt: record.updatedAt,
    reason: record.reason,
    summary: record.summary ? callSummaryDto(record.summary) : undefined,
  };
}

export function toSummaryBriefDto(record: SummaryRecord): SummaryBriefDto {
  return {
    contactId: record.contactId,
    headline: record.summary?.headline,
    outcome: record.summary?.outcome,
    escalationRecommended: record.summary?.escalation.recommended,
    updatedAt: record.updatedAt,
  };
}

export function summaryCreatedToDto(detail: BuddieEventDetails['SummaryCreated'], occurredAt: string): SummaryBriefDto {
  return { contactId: detail.contactId, headline: detail.headline, outcome: detail.outcome, escalationRecommended: detail.escalationRecommended, updatedAt: occurredAt };
}
