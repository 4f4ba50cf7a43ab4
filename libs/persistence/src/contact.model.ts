/** The contacts table (owned by ingestion): one item per Connect contact. */
export type PipelineStage = 'ingested' | 'transcribed' | 'summarized' | 'journey' | 'synced';

/** The fields of a CTR that Buddie indexes, filters and publishes on; the full record is kept in `ctr`. */
export interface ContactCtrWrite {
  contactId: string;
  conversationId: string;
  channel: string;
  initiationMethod: string;
  initiationTimestamp: string;
  disconnectTimestamp: string | null;
  lastUpdateTimestamp: string;
  agentUsername: string | null;
  queueName: string | null;
  abandoned: boolean;
  fingerprint: string;
  ctr: Record<string, unknown>;
}

export interface ContactItem extends ContactCtrWrite {
  status: 'in-progress' | 'completed';
  ctrUpdatedAtMs: number;
  publishedFingerprint?: string;
  pipeline: Partial<Record<PipelineStage, string>>;
  /** Latest timestamp seen per Connect contact event type (INITIATED, QUEUED, ...). */
  contactEvents?: Record<string, string>;
}
