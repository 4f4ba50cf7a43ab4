import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { parseJsonc } from '@buddie/connect';

export type RecordKind = 'ctr' | 'contact-event' | 'agent-event' | 'flow-log' | 'transcript' | 'unknown';

export interface FileRecord {
  file: string;
  line?: number;
  value: unknown;
  /** Set when the line (of a .jsonl file) is not JSON; `value` is then undefined. */
  error?: string;
}

/** A record file that cannot be read as JSON at all; the message names the file and where it broke. */
export class RecordFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`${file}: ${problem}`);
    this.name = 'RecordFileError';
  }
}

/** JSON.parse says "at position N"; people look for a line and a column. */
function describeSyntaxError(error: unknown, text: string, lineOffset = 0): string {
  const message = error instanceof Error ? error.message : String(error);
  const at = /position (\d+)/.exec(message)?.[1] ?? (/end of JSON input/.test(message) ? String(text.trimEnd().length) : undefined);
  if (at === undefined) return `not valid JSON: ${message}`;
  const before = text.slice(0, Number(at));
  const line = before.split('\n').length + lineOffset;
  const column = before.length - before.lastIndexOf('\n');
  return `not valid JSON at line ${line}, column ${column}: ${message.replace(/ in JSON at position \d+.*$/, '')}`;
}

/** Every .json / .jsonl / .jsonc file under a path (files in name order, so replays are repeatable). */
export function listRecordFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => {
      const full = join(path, name);
      if (statSync(full).isDirectory()) return listRecordFiles(full);
      return ['.json', '.jsonl', '.jsonc'].includes(extname(name)) && name !== 'manifest.json' ? [full] : [];
    });
}

export function readRecords(file: string): FileRecord[] {
  const text = readFileSync(file, 'utf8');
  const ext = extname(file);
  if (ext === '.jsonl') {
    return text
      .split('\n')
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => line.trim() !== '')
      .map(({ line, index }) => {
        try {
          return { file, line: index + 1, value: JSON.parse(line) as unknown };
        } catch (error) {
          return { file, line: index + 1, value: undefined, error: describeSyntaxError(error, line, index) };
        }
      });
  }
  let value: unknown;
  try {
    value = ext === '.jsonc' ? parseJsonc(text) : (JSON.parse(text) as unknown);
  } catch (error) {
    throw new RecordFileError(file, describeSyntaxError(error, text));
  }
  return Array.isArray(value) ? value.map((v, i) => ({ file, line: i + 1, value: v as unknown })) : [{ file, value }];
}

/** Tells the Connect formats apart by their identifying fields. */
export function recordKind(value: unknown): RecordKind {
  if (!value || typeof value !== 'object') return 'unknown';
  const v = value as Record<string, unknown>;
  if (v['detail-type'] === 'Amazon Connect Contact Event') return 'contact-event';
  if (v['detail-type'] === 'Amazon Connect Contact Trace Record') return 'ctr';
  if ('ContactId' in v && 'LastUpdateTimestamp' in v && 'InitiationMethod' in v) return 'ctr';
  if ('AgentARN' in v && 'EventType' in v) return 'agent-event';
  if ('ContactFlowModuleType' in v) return 'flow-log';
  if ('Transcript' in v || 'results' in v || 'Segments' in v || 'EventType' in v || 'ContentMetadata' in v) return 'transcript';
  return 'unknown';
}
