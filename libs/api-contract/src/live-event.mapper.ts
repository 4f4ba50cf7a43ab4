import type { BuddieEventDetails, BuddieEventType } from '@buddie/messaging';
import { agentAlertEventToDto, agentStateChangedToDto } from './agent.mapper';
import { contactCompletedToDto, transcriptReadyToDto } from './contact.mapper';
import { escalationEventToDto } from './escalation.mapper';
import { journeyEventToDto } from './journey.mapper';
import type { LiveEventDetails } from './live.dto';
import { summaryCreatedToDto } from './summary.mapper';
import { salesforceSyncedToDto, salesforceSyncFailedToDto } from './sync-status.mapper';

type LiveMappers = { [K in BuddieEventType]: (detail: BuddieEventDetails[K], occurredAt: string) => LiveEventDetails[K] };

/** Every Buddie event type has one mapping to its room's DTO; a new event type does not compile until it has one. */
const LIVE_MAPPERS: LiveMappers = {
  AgentStateChanged: (d) => agentStateChangedToDto(d),
  AgentAlertRaised: (d) => agentAlertEventToDto(d),
  AgentAlertCleared: (d) => agentAlertEventToDto(d),
  SummaryCreated: (d, at) => summaryCreatedToDto(d, at),
  ContactCompleted: (d) => contactCompletedToDto(d),
  TranscriptReady: (d) => transcriptReadyToDto(d),
  JourneyRecorded: (d, at) => journeyEventToDto('JourneyRecorded', d, at),
  JourneyFailed: (d, at) => journeyEventToDto('JourneyFailed', d, at),
  EscalationCreated: (d, at) => escalationEventToDto(d, at),
  EscalationUpdated: (d, at) => escalationEventToDto(d, at),
  SalesforceSynced: (d, at) => salesforceSyncedToDto(d, at),
  SalesforceSyncFailed: (d) => salesforceSyncFailedToDto(d),
};

export function toLiveEventDetail<K extends BuddieEventType>(type: K, detail: BuddieEventDetails[K], occurredAt: string): LiveEventDetails[K] {
  return (LIVE_MAPPERS[type] as (detail: BuddieEventDetails[K], occurredAt: string) => LiveEventDetails[K])(detail, occurredAt);
}
