import type { EscalationRecord } from '@buddie/domain';
import type { JourneyRecord } from '@buddie/persistence';

/** The API's journey: everything but the repeat-caller key (a pseudonym of the caller's number, for Buddie's own use). */
export type JourneyResponse = Omit<JourneyRecord, 'callerKey'>;

export function toJourneyResponse(record: JourneyRecord): JourneyResponse {
  const { callerKey: _callerKey, ...rest } = record;
  return rest;
}

export type JourneyDetailResponse = JourneyResponse & { escalations: EscalationRecord[] };
