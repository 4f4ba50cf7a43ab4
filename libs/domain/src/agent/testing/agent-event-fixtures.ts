/**
 * Test-only helpers for the agent specs: read the shared fixtures in place (never copied into the
 * repo) and shuffle deterministically. Not exported from the lib; domain itself does no I/O.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AgentEventInput } from '../agent-event.model';
import type { AgentView } from '../agent-view.model';
import { evolveAgent } from '../agent-view.evolve';

/** libs/domain/src/agent/testing -> repo root -> its sibling `shared` folder. */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..', '..');

export function sharedPath(...segments: string[]): string {
  return path.resolve(REPO_ROOT, '..', 'shared', ...segments);
}

export const JDOE_SHIFT = sharedPath('fixtures', 'synthetic', 'agent-events-01-jdoe-shift-inbound-call-hold-acw.jsonl');
export const MGARCIA_SHIFT = sharedPath('fixtures', 'synthetic', 'agent-events-02-mgarcia-missed-then-transfer-next-status.jsonl');

export function readAgentEvents(file: string): AgentEventInput[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as AgentEventInput);
}

/** The view after folding the events in order, and each visible change with the view it produced. */
export function foldAgentEvents(events: readonly AgentEventInput[]): { view: AgentView; changes: { event: AgentEventInput; view: AgentView }[] } {
  let view: AgentView | undefined;
  const changes: { event: AgentEventInput; view: AgentView }[] = [];
  for (const event of events) {
    const evolution = evolveAgent(view, event);
    view = evolution.view;
    if (evolution.changed) changes.push({ event, view });
  }
  return { view: view as AgentView, changes };
}

export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}

/**
 * The doc samples (.jsonc) carry `//` comments that wrap onto lines of their own and leave trailing
 * commas behind. Cut comments outside strings, drop the lines that are pure comment prose, and drop
 * commas before a closing bracket. `lineRepairs` replaces whole lines (matched on their trimmed,
 * comment-free text) for samples whose brackets are broken as published.
 */
export function readJsonc<T>(file: string, lineRepairs: Readonly<Record<string, string>> = {}): T {
  return JSON.parse(stripJsonc(readFileSync(file, 'utf8'), lineRepairs)) as T;
}

export function stripJsonc(text: string, lineRepairs: Readonly<Record<string, string>> = {}): string {
  const kept: string[] = [];
  for (const raw of text.split('\n')) {
    const cut = cutComment(raw).trim();
    const line = Object.prototype.hasOwnProperty.call(lineRepairs, cut) ? lineRepairs[cut] : cut;
    if (line.length === 0 || !looksLikeJson(line)) continue;
    kept.push(line);
  }
  return dropTrailingCommas(kept.join('\n'));
}

function cutComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
    } else if (ch === '/' && line[i + 1] === '/') {
      return line.slice(0, i);
    }
  }
  return line;
}

function looksLikeJson(trimmed: string): boolean {
  if ('{}[]"-0123456789,'.includes(trimmed[0])) return true;
  const literal = trimmed.endsWith(',') ? trimmed.slice(0, -1).trim() : trimmed;
  return literal === 'null' || literal === 'true' || literal === 'false';
}

function dropTrailingCommas(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i];
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    if (ch === ',') {
      let j = i + 1;
      while (j < text.length && ' \t\r\n'.includes(text[j])) j++;
      if (text[j] === '}' || text[j] === ']') continue;
    }
    out += ch;
  }
  return out;
}

/** mulberry32: a tiny seeded PRNG, so a failing shuffle can be replayed. */
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

export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const random = prng(seed);
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
