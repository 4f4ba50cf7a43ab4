import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import type { Transcript, TranscriptTurn, TurnRole } from '@buddie/domain';

export interface DialogSumExample {
  fname: string;
  dialogue: string;
  summaries: string[];
}

const RELATIVE = path.join('shared', 'fixtures', 'real', 'eval-dialogsum-CC-BY-NC-SA-4.0', 'dialogsum.test.first150.jsonl');

/** The eval set stays in ../shared (CC BY-NC-SA: never copied into the repo or the build). */
export function defaultDialogSumPath(): string {
  // Works from bench/ (ts-node) and from dist/bench/ (compiled).
  for (const up of [['..', '..'], ['..', '..', '..'], ['..']]) {
    const candidate = path.resolve(__dirname, ...up, RELATIVE);
    if (existsSync(candidate)) return candidate;
  }
  return path.resolve(process.cwd(), '..', RELATIVE);
}

export function loadDialogSum(file: string): DialogSumExample[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const row = JSON.parse(line) as Record<string, unknown>;
      const summaries = ['summary1', 'summary2', 'summary3', 'summary'].map((k) => row[k]).filter((s): s is string => typeof s === 'string');
      if (typeof row.dialogue !== 'string' || summaries.length === 0) throw new Error(`line ${i + 1}: needs dialogue and summary1..3`);
      return { fname: String(row.fname ?? `line-${i + 1}`), dialogue: row.dialogue, summaries };
    });
}

export interface Utterance {
  speaker: string;
  text: string;
}

export function utterances(dialogue: string): Utterance[] {
  const out: Utterance[] = [];
  for (const line of dialogue.split('\n')) {
    const m = /^\s*(#Person\d+#)\s*:\s*(.*)$/.exec(line);
    if (m) out.push({ speaker: m[1], text: m[2].trim() });
    else if (out.length > 0 && line.trim()) out[out.length - 1].text += ` ${line.trim()}`;
  }
  return out;
}

/**
 * #Person1# opens the conversation, as the agent does when answering a call; #Person2# is the
 * customer. Anyone else is treated as a third party (SYSTEM).
 */
export const SPEAKER_ROLES: Record<string, TurnRole> = { '#Person1#': 'AGENT', '#Person2#': 'CUSTOMER' };

export function dialogueToTranscript(example: DialogSumExample): Transcript {
  const turns: TranscriptTurn[] = utterances(example.dialogue).map((u, i) => ({
    id: `${example.fname}-${i}`,
    role: SPEAKER_ROLES[u.speaker] ?? 'SYSTEM',
    beginMs: i * 1000,
    endMs: i * 1000 + 900,
    text: u.text,
  }));
  return { contactId: example.fname, source: 'transcribe', channel: 'VOICE', turns, redacted: false };
}
