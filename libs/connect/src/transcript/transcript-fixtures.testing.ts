import { readFileSync } from 'fs';
import * as path from 'path';

/** Test-only: fixtures stay in ../shared next to the repo and are never copied into it. */
export function sharedPath(...segments: string[]): string {
  return path.resolve(__dirname, '..', '..', '..', '..', '..', 'shared', ...segments);
}

export function readFixture(...segments: string[]): unknown {
  return JSON.parse(readFileSync(sharedPath('fixtures', ...segments), 'utf8'));
}

/**
 * The .jsonc doc samples have `//` comments and trailing commas; this strips both outside strings.
 * Samples with `...` elisions stay unreadable on purpose.
 */
export function readJsoncFixture(...segments: string[]): unknown {
  return JSON.parse(stripJsonc(readFileSync(sharedPath('fixtures', ...segments), 'utf8')));
}

export function stripJsonc(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else {
      out += c;
    }
  }
  return out.replace(/,(\s*[}\]])/g, '$1');
}
