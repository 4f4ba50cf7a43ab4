import type { ContactItem } from '@buddie/persistence';
import type { BuddieEventDetails } from '@buddie/messaging';
import type { ContactDto, ContactPipelineDto, LiveContactDto } from './contact.dto';

function pipelineDto(pipeline: ContactItem['pipeline'] = {}): ContactPipelineDto {
  return { ingested: pipeline.ingested, transcribed: pipeline.transcribed, summarized: pipeline.summarized, journey: pipeline.journey, synced: pipeline.synced };
}

/** The REST contact: named fields only, so fingerprints and index keys never leave the table. */
export function toContactDto(contact: ContactItem): ContactDto {
  return {
    contactId: contact.contactId,
    conversationId: contact.conversationId,
    channel: contact.channel,
    initiationMethod: contact.initiationMethod,
    initiationTimestamp: contact.initiationTimestamp,
    disconnectTimestamp: contact.disconnectTimestamp ?? null,
    lastUpdateTimestamp: contact.lastUpdateTimestamp,
    agentUsername: contact.agentUsername ?? null,
    queueName: contact.queueName ?? null,
    abandoned: contact.abandoned,
    status: contact.status,
    pipeline: pipelineDto(contact.pipeline),
    contactEvents: contact.contactEvents,
    ctr: contact.ctr,
  };
}

/** The live `contacts` room's item from the stored contact (no CTR on the socket). */
export function toLiveContactDto(contact: ContactItem): LiveContactDto {
  return {
    contactId: contact.contactId,
    conversationId: contact.conversationId,
    channel: contact.channel,
    initiationMethod: contact.initiationMethod,
    initiationTimestamp: contact.initiationTimestamp,
    disconnectTimestamp: contact.disconnectTimestamp ?? null,
    lastUpdateTimestamp: contact.lastUpdateTimestamp,
    agentUsername: contact.agentUsername ?? null,
    queueName: contact.queueName ?? null,
    abandoned: contact.abandoned,
    status: contact.status,
    pipeline: pipelineDto(contact.pipeline),
  };
}

export function contactCompletedToDto(detail: BuddieEventDetails['ContactCompleted']): LiveContactDto {
  return {
    contactId: detail.contactId,
    conversationId: detail.conversationId,
    channel: detail.channel,
    initiationMethod: detail.initiationMethod,
    initiationTimestamp: detail.initiationTimestamp,
    disconnectTimestamp: detail.disconnectTimestamp,
    lastUpdateTimestamp: detail.lastUpdateTimestamp,
    agentUsername: detail.agentUsername,
    queueName: detail.queueName,
    abandoned: detail.abandoned,
    status: 'completed',
  };
}

export function transcriptReadyToDto(detail: BuddieEventDetails['TranscriptReady']): LiveContactDto {
  return { contactId: detail.contactId, transcriptReady: true };
}
