import type { BuddieEventDetails } from '@buddie/messaging';
import type { JourneyRecord } from '@buddie/persistence';
import type { JourneyBriefDto, JourneyDto } from './journey.dto';

export function toJourneyDto(journey: JourneyRecord): JourneyDto {
  return {
    contactId: journey.contactId,
    failed: journey.failed === true,
    steps: (journey.steps ?? []).map((s) => ({ label: s.label, at: s.at, failed: s.failed, error: s.error })),
    failures: (journey.failures ?? []).map((f) => ({ step: f.step, reason: f.reason })),
    startedAt: journey.startedAt,
    endedAt: journey.endedAt,
    updatedAt: journey.updatedAt,
  };
}

export function toJourneyBriefDto(journey: JourneyRecord): JourneyBriefDto {
  return { contactId: journey.contactId, failed: journey.failed === true, startedAt: journey.startedAt, updatedAt: journey.updatedAt };
}

export function journeyEventToDto(type: 'JourneyRecorded' | 'JourneyFailed', detail: BuddieEventDetails['JourneyRecorded'] | BuddieEventDetails['JourneyFailed'], occurredAt: string): JourneyBriefDto {
  return { contactId: detail.contactId, failed: type === 'JourneyFailed', updatedAt: occurredAt };
}
