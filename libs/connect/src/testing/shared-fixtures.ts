import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * The shared fixtures live beside the repository (`<repo>/../shared`), in CI as locally, and are never copied
 * into it. This file sits at libs/connect/src/testing, four levels below the repo root.
 */
const REPO_ROOT = path.resolve(__dirname, '../../../..');

export function sharedPath(...segments: string[]): string {
  return path.resolve(REPO_ROOT, '..', 'shared', ...segments);
}

export function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

/** One JSON value per non-blank line (JSON Lines); a bad line throws with its file and line number. */
export function readJsonLines(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, number }) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        throw new SyntaxError(`${file}:${number}: ${(error as Error).message}`);
      }
    });
}
