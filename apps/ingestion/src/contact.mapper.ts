import { conversationIdOf, ctrMaterialFingerprint, isAbandoned, type ContactTraceRecord } from '@buddie/connect';
import type { EventDetailInput } from '@buddie/messaging';
import type { ContactCtrWrite, ContactItem } from '@buddie/persistence';

export function toContactWrite(ctr: ContactTraceRecord): ContactCtrWrite {
  return {
    contactId: ctr.ContactId,
    conversationId: conversationIdOf(ctr),
    channel: ctr.Channel,
    initiationMethod: ctr.InitiationMethod,
    initiationTimestamp: ctr.InitiationTimestamp,
    disconnectTimestamp: ctr.DisconnectTimestamp ?? null,
    lastUpdateTimestamp: ctr.LastUpdateTimestamp,
    agentUsername: ctr.Agent?.Username ?? null,
    queueName: ctr.Queue?.Name ?? null,
    abandoned: isAbandoned(ctr),
    fingerprint: ctrMaterialFingerprint(ctr),
    ctr: ctr as unknown as Record<string, unknown>,
  };
}

interface StoredRecording {
  Location?: string | null;
  MediaStreamType?: string | null;
  Status?: string | null;
  Type?: string | null;
}

/** Returns the catalog's ContactCompleted fields, so the mapper and the catalog cannot drift apart. */
export function toContactCompleted(contact: ContactItem, update: boolean, correlationId: string): EventDetailInput<'ContactCompleted'> & { correlationId: string } {
  const ctr = contact.ctr as { Recordings?: StoredRecording[] | null; Recording?: StoredRecording | null };
  const recordings = ctr.Recordings?.length ? ctr.Recordings : ctr.Recording ? [ctr.Recording] : [];
  return {
    correlationId,
    contactId: contact.contactId,
    conversationId: contact.conversationId,
    channel: contact.channel,
    initiationMethod: contact.initiationMethod,
    initiationTimestamp: contact.initiationTimestamp,
    disconnectTimestamp: contact.disconnectTimestamp,
    lastUpdateTimestamp: contact.lastUpdateTimestamp,
    agentUsername: contact.agentUsername,
    queueName: contact.queueName,
    abandoned: contact.abandoned,
    recordings: recordings
      .filter((r): r is StoredRecording & { Location: string } => typeof r.Location === 'string' && r.Location.length > 0)
      .map((r) => ({ location: r.Location, mediaStreamType: r.MediaStreamType ?? r.Type ?? null, status: r.Status ?? null })),
    update,
  };
}
