import { formatIssues, parseAgentEvent } from '@buddie/connect';
import type { AgentEventInput } from '@buddie/domain';

export type DecodedAgentRecord = { ok: true; event: AgentEventInput } | { ok: false; reason: 'not-json' | 'invalid-agent-event'; detail: string };

const decoder = new TextDecoder('utf-8', { fatal: false });

/** A Kinesis record of the agent event stream: one JSON agent event, validated against the documented model. */
export function decodeAgentRecord(data: Uint8Array): DecodedAgentRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decoder.decode(data));
  } catch (error) {
    return { ok: false, reason: 'not-json', detail: error instanceof Error ? error.message : String(error) };
  }
  const result = parseAgentEvent(parsed);
  if (!result.ok) return { ok: false, reason: 'invalid-agent-event', detail: formatIssues(result.issues).slice(0, 500) };
  return { ok: true, event: result.value };
}
