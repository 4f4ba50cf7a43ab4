import { readFileSync } from 'node:fs';
import { parseJsonc } from '@buddie/connect';
import { sharedPath } from '../../connect/src/testing';
import { runSimulation } from './run-simulation';
import { MemorySink } from './simulator.sink';

/** Every path in a JSON document (arrays as `[]`) with the JSON types seen there. */
function shapeOf(value: unknown, path = '', into = new Map<string, Set<string>>()): Map<string, Set<string>> {
  const type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  if (!into.has(path)) into.set(path, new Set());
  into.get(path)!.add(type);
  if (Array.isArray(value)) for (const item of value) shapeOf(item, `${path}[]`, into);
  else if (type === 'object') for (const [key, item] of Object.entries(value as Record<string, unknown>)) shapeOf(item, path ? `${path}.${key}` : key, into);
  return into;
}

function union(shapes: Map<string, Set<string>>[]): Map<string, Set<string>> {
  const all = new Map<string, Set<string>>();
  for (const shape of shapes) for (const [path, types] of shape) all.set(path, new Set([...(all.get(path) ?? []), ...types]));
  return all;
}

function sample(name: string): unknown {
  const text = readFileSync(sharedPath('fixtures', 'real', 'connect-docs', name), 'utf8');
  // SOURCES.md: the published voice sample has one closing brace too many at the end.
  return parseJsonc(name === 'contact-lens-analysis-voice-original.jsonc' ? text.trimEnd().replace(/}$/, '') : text);
}

/**
 * Parts a real file carries only when the conversation has them: PII found, an issue / outcome / action
 * item detected, a category matched, a generative summary switched on. The simulator need not write them.
 */
const CONTENT_DEPENDENT = [
  /^Transcript\[\]\.Redaction\b/,
  /^Transcript\[\]\.(IssuesDetected|OutcomesDetected|ActionItemsDetected)\b/,
  /^Categories\.MatchedCategories\[\]$/,
  /^Categories\.MatchedDetails\./,
  /^ConversationCharacteristics\.ContactSummary\b/,
];

/**
 * Written by the simulator though absent from the post-call sample: CustomerMetadata is in the post-chat
 * sample and in the transcript format Amazon Lex documents as Contact Lens output, and says where the file goes.
 */
const DOCUMENTED_ELSEWHERE = [/^CustomerMetadata(\.|$)/];

describe('the simulator writes Contact Lens files shaped like the published samples, field for field', () => {
  let voice: Map<string, Set<string>>;
  let chat: Map<string, Set<string>>;

  beforeAll(async () => {
    const sink = new MemorySink();
    await runSimulation({ seed: 21, agents: 12, hours: 2, rates: { chat: 0.3 } }, sink, { speed: 'max' });
    const docs = [...sink.transcripts.values()];
    voice = union(docs.filter((d) => d.Channel === 'VOICE').map((d) => shapeOf(d)));
    chat = union(docs.filter((d) => d.Channel === 'CHAT').map((d) => shapeOf(d)));
    expect(voice.size).toBeGreaterThan(0);
    expect(chat.size).toBeGreaterThan(0);
  });

  it.each([
    ['voice', 'contact-lens-analysis-voice-original.jsonc', () => voice],
    ['chat', 'contact-lens-analysis-chat-original.json', () => chat],
  ])('%s: every field the simulator writes is in the sample with the same type, and every field of the sample is written', (_kind, file, simulated) => {
    const real = shapeOf(sample(file));
    const ours = simulated();
    const extra = [...ours.keys()].filter((path) => !real.has(path) && !DOCUMENTED_ELSEWHERE.some((re) => re.test(path)));
    const wrongType = [...ours.entries()].filter(([path, types]) => real.has(path) && [...types].some((t) => !real.get(path)!.has(t))).map(([path]) => path);
    const missing = [...real.keys()].filter((path) => !ours.has(path) && !CONTENT_DEPENDENT.some((re) => re.test(path)));
    expect({ extra, wrongType, missing }).toEqual({ extra: [], wrongType: [], missing: [] });
  });

  it('chat: every item has a Type, messages carry words and events carry an event ContentType', async () => {
    const sink = new MemorySink();
    await runSimulation({ seed: 5, agents: 8, hours: 1, rates: { chat: 0.5 } }, sink, { speed: 'max' });
    const items = [...sink.transcripts.values()].flatMap((d) => (d.Channel === 'CHAT' ? d.Transcript : []));
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      if (item.Type === 'MESSAGE') expect(item.Content?.trim()).toBeTruthy();
      else expect(item).toMatchObject({ Type: 'EVENT', ContentType: expect.stringMatching(/^application\/vnd\.amazonaws\.connect\.event\./) });
    }
  });
});
