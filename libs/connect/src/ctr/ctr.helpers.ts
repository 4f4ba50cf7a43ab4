import { createHash } from 'node:crypto';
import type { ContactTraceRecord } from './ctr.types';

/**
 * A sha256 over the record's content without LastUpdateTimestamp, with object keys sorted, so two copies
 * of a redelivered CTR hash the same unless something material changed. Keys whose value is null or absent
 * count as the same thing (Connect uses both for "not applicable"); array order is significant.
 */
export function ctrMaterialFingerprint(ctr: ContactTraceRecord): string {
  const { LastUpdateTimestamp: _ignored, ...material } = ctr;
  return createHash('sha256').update(canonicalJson(material)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The documented test: queued (Queue with an EnqueueTimestamp) and never connected to an agent. */
export function isAbandoned(ctr: ContactTraceRecord): boolean {
  const queued = ctr.Queue != null && ctr.Queue.EnqueueTimestamp != null;
  const connected = ctr.Agent != null && ctr.Agent.ConnectedToAgentTimestamp != null;
  return queued && !connected;
}

/** `arn:aws:connect:…:instance/{instanceId}/agent/{agentId}` → agentId; undefined for anything else. */
export function agentIdFromArn(arn: string | null | undefined): string | undefined {
  if (typeof arn !== 'string') return undefined;
  // Anchored on instance/{id}/ so the agent's own queue (…/queue/agent/{userId}) is not taken for an agent.
  const match = /:instance\/[^/]+\/agent\/([^/]+)$/.exec(arn);
  return match?.[1];
}

/** All CTRs of one customer journey (transfers, callbacks) share the first contact's id. */
export function conversationIdOf(ctr: Pick<ContactTraceRecord, 'ContactId' | 'InitialContactId'>): string {
  return ctr.InitialContactId ?? ctr.ContactId;
}
