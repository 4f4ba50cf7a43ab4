/**
 * A tolerant reader for the JSON samples in the AWS docs, for tests and the CLI only (production input is
 * strict JSON). It removes `//` and `/* *\/` comments outside strings, trailing commas, and the docs' habit
 * of wrapping a `//` comment onto following lines without repeating the `//`: a line right after a comment
 * whose first character cannot start any JSON token is taken as more comment. That rule cannot change the
 * meaning of valid JSON, where such a line would be a syntax error. Anything else (elisions, extra braces)
 * still fails, with JSON.parse's SyntaxError.
 */
export function parseJsonc(text: string): unknown {
  return JSON.parse(removeTrailingCommas(removeComments(text)));
}

const JSON_LINE_START = /^\s*(?:$|["{}[\],:\-0-9]|\/[/*]|(?:true|false|null)\b)/;

function removeComments(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (ch === '/' && text[i + 1] === '/') {
      i = endOfWrappedLineComment(text, i);
    } else if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close === -1) throw new SyntaxError(`unterminated /* comment at position ${i}`);
      out += ' ';
      i = close + 2;
    } else {
      out += ch;
      i += 1;
    }
  }
  return out;
}

/** Index of the newline that ends the comment, after swallowing any continuation lines. */
function endOfWrappedLineComment(text: string, start: number): number {
  let lineEnd = indexOrEnd(text, '\n', start);
  while (lineEnd < text.length) {
    const nextEnd = indexOrEnd(text, '\n', lineEnd + 1);
    const nextLine = text.slice(lineEnd + 1, nextEnd);
    if (JSON_LINE_START.test(nextLine)) break;
    lineEnd = nextEnd;
  }
  return lineEnd;
}

function removeTrailingCommas(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const end = endOfString(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    if (ch === ',') {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j])) j += 1;
      if (text[j] === '}' || text[j] === ']') {
        i += 1;
        continue;
      }
    }
    out += ch;
    i += 1;
  }
  return out;
}

/** Index just past the closing quote of the string starting at `start` (honouring backslash escapes). */
function endOfString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, text.length);
}

function indexOrEnd(text: string, search: string, from: number): number {
  const index = text.indexOf(search, from);
  return index === -1 ? text.length : index;
}
