/**
 * The SOQL the test server understands: `SELECT f, ... FROM SObject [WHERE cond] [LIMIT n]`, where cond
 * joins `field = literal`, `field != literal` and `field IN (literal, ...)` with AND / OR (AND binds
 * tighter). String literals use SOQL's quoting rules (single quotes, backslash escapes), so a test can
 * tell a correctly bound value from an injected one.
 */
export type SoqlLiteral = string | number | boolean | null;

export interface SoqlComparison {
  field: string;
  op: '=' | '!=' | 'IN';
  values: SoqlLiteral[];
}

/** Disjunctive normal form: OR of ANDs. */
export interface SoqlQuery {
  fields: string[];
  sobject: string;
  where: SoqlComparison[][];
  limit?: number;
}

export class SoqlSyntaxError extends Error {}

type Token = { kind: 'word' | 'string' | 'number' | 'punct'; text: string; value?: SoqlLiteral };

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'", '\\': '\\', _: '\\_', '%': '\\%' };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let value = '';
      i++;
      for (;;) {
        if (i >= input.length) throw new SoqlSyntaxError('unterminated string literal');
        const ch = input[i];
        if (ch === '\\') {
          const next = input[i + 1];
          const mapped = next === undefined ? undefined : ESCAPES[next];
          if (mapped === undefined) throw new SoqlSyntaxError(`invalid escape sequence \\${next ?? ''}`);
          value += mapped;
          i += 2;
        } else if (ch === "'") {
          i++;
          break;
        } else {
          value += ch;
          i++;
        }
      }
      tokens.push({ kind: 'string', text: value, value });
    } else if (/[0-9]/.test(c)) {
      const match = /^[0-9]+(\.[0-9]+)?/.exec(input.slice(i));
      const text = match ? match[0] : c;
      tokens.push({ kind: 'number', text, value: Number(text) });
      i += text.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const text = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(input.slice(i))?.[0] ?? c;
      tokens.push({ kind: 'word', text });
      i += text.length;
    } else if (input.startsWith('!=', i)) {
      tokens.push({ kind: 'punct', text: '!=' });
      i += 2;
    } else if ('=(),'.includes(c)) {
      tokens.push({ kind: 'punct', text: c });
      i++;
    } else {
      throw new SoqlSyntaxError(`unexpected character '${c}'`);
    }
  }
  return tokens;
}

export function parseSoql(input: string): SoqlQuery {
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const keyword = (word: string) => peek()?.kind === 'word' && peek().text.toUpperCase() === word;
  const expect = (test: (t: Token) => boolean, what: string): Token => {
    const token = tokens[pos];
    if (!token || !test(token)) throw new SoqlSyntaxError(`expected ${what} but found ${token ? `'${token.text}'` : 'end of query'}`);
    pos++;
    return token;
  };
  const word = (what: string) => expect((t) => t.kind === 'word', what).text;

  if (!keyword('SELECT')) throw new SoqlSyntaxError('query must start with SELECT');
  pos++;
  const fields = [word('a field')];
  while (peek()?.text === ',') {
    pos++;
    fields.push(word('a field'));
  }
  if (!keyword('FROM')) throw new SoqlSyntaxError(`expected FROM but found ${peek() ? `'${peek().text}'` : 'end of query'}`);
  pos++;
  const sobject = word('an sObject name');

  const literal = (): SoqlLiteral => {
    const token = expect((t) => t.kind === 'string' || t.kind === 'number' || (t.kind === 'word' && ['NULL', 'TRUE', 'FALSE'].includes(t.text.toUpperCase())), 'a literal');
    if (token.kind === 'word') return token.text.toUpperCase() === 'NULL' ? null : token.text.toUpperCase() === 'TRUE';
    return token.value ?? null;
  };

  const where: SoqlComparison[][] = [];
  if (keyword('WHERE')) {
    pos++;
    let conjunction: SoqlComparison[] = [];
    for (;;) {
      const fieldName = word('a field');
      const opToken = expect((t) => t.text === '=' || t.text === '!=' || (t.kind === 'word' && t.text.toUpperCase() === 'IN'), '=, != or IN');
      if (opToken.text.toUpperCase() === 'IN') {
        expect((t) => t.text === '(', '(');
        const values = [literal()];
        while (peek()?.text === ',') {
          pos++;
          values.push(literal());
        }
        expect((t) => t.text === ')', ')');
        conjunction.push({ field: fieldName, op: 'IN', values });
      } else {
        conjunction.push({ field: fieldName, op: opToken.text as '=' | '!=', values: [literal()] });
      }
      if (keyword('AND')) {
        pos++;
      } else if (keyword('OR')) {
        pos++;
        where.push(conjunction);
        conjunction = [];
      } else {
        where.push(conjunction);
        break;
      }
    }
  }
  let limit: number | undefined;
  if (keyword('LIMIT')) {
    pos++;
    const token = expect((t) => t.kind === 'number', 'a number');
    limit = Number(token.text);
  }
  if (pos < tokens.length) throw new SoqlSyntaxError(`unexpected token '${tokens[pos].text}'`);
  return { fields, sobject, where, limit };
}

export function matchesSoql(record: Record<string, unknown>, query: SoqlQuery): boolean {
  if (query.where.length === 0) return true;
  return query.where.some((conjunction) =>
    conjunction.every((comparison) => {
      const value = record[comparison.field] ?? null;
      const hit = comparison.values.some((candidate) => candidate === value);
      return comparison.op === '!=' ? !hit : hit;
    }),
  );
}
