/**
 * A synthetic shift for N agents, built from the two hand-written agent event sequences in
 * ../shared/fixtures/synthetic (jdoe: call with hold and ACW, Break; mgarcia: missed offer, transfer,
 * Lunch). Each agent replays one of them under its own agent id, contact ids and event ids, shifted
 * by a deterministic offset, so the stream interleaves thousands of realistic, well-formed shifts.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { agentIdFromArn, type AgentEventInput } from '@buddie/domain';

const SHARED = path.resolve(__dirname, '..', '..', '..', 'shared');
const TEMPLATES = ['agent-events-01-jdoe-shift-inbound-call-hold-acw.jsonl', 'agent-events-02-mgarcia-missed-then-transfer-next-status.jsonl'];
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

function readTemplate(name: string): string[] {
  return readFileSync(path.join(SHARED, 'fixtures', 'synthetic', name), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/** mulberry32, so every run builds the same shift. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticShift {
  events: AgentEventInput[];
  /** Simulated time the shift spans, first to last event. */
  spanMs: number;
  agents: number;
}

export function synthesizeShift(agents: number, startWindowMs = 10 * 60_000, seed = 42): SyntheticShift {
  const templates = TEMPLATES.map(readTemplate);
  // Ids that belong to the instance (queues, routing profiles, statuses) stay; agent, contact and event ids are per agent.
  const keep = new Set<string>();
  for (const line of templates.flat()) {
    const event = JSON.parse(line) as AgentEventInput;
    for (const id of JSON.stringify(event.CurrentAgentSnapshot.Configuration).match(UUID) ?? []) keep.add(id);
    for (const id of (event.CurrentAgentSnapshot.AgentStatus.ARN ?? '').match(UUID) ?? []) keep.add(id);
    for (const contact of event.CurrentAgentSnapshot.Contacts ?? []) for (const id of (contact.Queue?.ARN ?? '').match(UUID) ?? []) keep.add(id);
    for (const id of (event.CurrentAgentSnapshot.NextAgentStatus?.ARN ?? '').match(UUID) ?? []) keep.add(id);
  }
  for (const id of JSON.stringify(templates.map((t) => t[0])).match(/instance\/([0-9a-f-]{36})/g) ?? []) keep.add(id.slice('instance/'.length));
  // The agent's own queue is named after the agent: that id is per agent, never shared.
  for (const template of templates) keep.delete(agentIdFromArn((JSON.parse(template[0]) as AgentEventInput).AgentARN));
  const base = Date.parse((JSON.parse(templates[0][0]) as AgentEventInput).EventTimestamp);
  const random = prng(seed);
  const events: AgentEventInput[] = [];
  for (let i = 0; i < agents; i++) {
    const template = templates[i % templates.length];
    const first = Date.parse((JSON.parse(template[0]) as AgentEventInput).EventTimestamp);
    const shiftMs = base - first + Math.floor(random() * startWindowMs);
    const suffix = i.toString(16).padStart(8, '0');
    template.forEach((line, index) => {
      const rewritten = line.replace(UUID, (id) => (keep.has(id) ? id : `${id.slice(0, 24)}${suffix}${id.slice(32, 36)}`));
      const event = JSON.parse(rewritten, (_key, value: unknown) =>
        typeof value === 'string' && ISO.test(value) ? new Date(Date.parse(value) + shiftMs).toISOString() : value,
      ) as AgentEventInput;
      event.EventId = `${event.EventId.slice(0, 24)}${suffix}${index.toString(16).padStart(4, '0')}`;
      event.CurrentAgentSnapshot.Configuration.Username = `agent${i}`;
      if (event.PreviousAgentSnapshot) event.PreviousAgentSnapshot.Configuration.Username = `agent${i}`;
      events.push(event);
    });
  }
  events.sort((a, b) => Date.parse(a.EventTimestamp) - Date.parse(b.EventTimestamp));
  return { events, agents, spanMs: Date.parse(events[events.length - 1].EventTimestamp) - Date.parse(events[0].EventTimestamp) };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
