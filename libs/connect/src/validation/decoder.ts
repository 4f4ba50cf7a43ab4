import { isoTimestampToMillis } from '../timestamp';
import type { ParseResult, ValidationIssue } from './validation-result';

/**
 * A tiny decoder set, just enough for the Connect formats: every decoder appends what is wrong to `issues`
 * (so callers see all problems at once, not the first) and returns the value it read. The return value only
 * means something when no issue was added, which `run` enforces.
 */
export interface Decoder<T> {
  (input: unknown, path: string, issues: ValidationIssue[]): T;
  /** Set by `optional`: the object decoder then accepts a missing key. */
  readonly optional?: boolean;
}

export type JsonObject = Record<string, unknown>;

/** An open set: the documented values for autocompletion, any other string accepted (AWS adds values over time). */
export type OpenString<Known extends string> = Known | (string & Record<never, never>);

export function run<T>(decoder: Decoder<T>, input: unknown, rootPath = ''): ParseResult<T> {
  const issues: ValidationIssue[] = [];
  const value = decoder(input, rootPath, issues);
  return issues.length === 0 ? { ok: true, value } : { ok: false, issues };
}

export function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function joinPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function fail<T>(issues: ValidationIssue[], path: string, message: string, value: unknown): T {
  issues.push({ path, message });
  return value as T;
}

export function string(limits: { min?: number; max?: number } = {}): Decoder<string> {
  const { min = 0, max } = limits;
  return (input, path, issues) => {
    if (typeof input !== 'string')
      return fail(issues, path, `must be a string, got ${describe(input)}`, input);
    if (input.length < min) {
      return fail(
        issues,
        path,
        min === 1 ? 'must not be empty' : `must be at least ${min} characters, got ${input.length}`,
        input,
      );
    }
    if (max !== undefined && input.length > max)
      return fail(issues, path, `must be at most ${max} characters, got ${input.length}`, input);
    return input;
  };
}

/** A string that must match a pattern; `what` names the expectation in the message. */
export function matching(pattern: RegExp, what: string): Decoder<string> {
  return (input, path, issues) => {
    if (typeof input !== 'string')
      return fail(issues, path, `must be a string, got ${describe(input)}`, input);
    return pattern.test(input) ? input : fail(issues, path, `must be ${what}, got ${describe(input)}`, input);
  };
}

export function number(limits: { min?: number; max?: number; integer?: boolean } = {}): Decoder<number> {
  const { min, max, integer = false } = limits;
  const kind = integer ? (min === 0 ? 'a non-negative integer' : 'an integer') : 'a number';
  return (input, path, issues) => {
    if (typeof input !== 'number' || !Number.isFinite(input) || (integer && !Number.isInteger(input))) {
      return fail(issues, path, `must be ${kind}, got ${describe(input)}`, input);
    }
    if (min !== undefined && input < min)
      return fail(issues, path, `must be ${kind === 'a number' ? `≥ ${min}` : kind}, got ${input}`, input);
    if (max !== undefined && input > max) return fail(issues, path, `must be ≤ ${max}, got ${input}`, input);
    return input;
  };
}

export const nonNegativeInteger: Decoder<number> = number({ min: 0, integer: true });

export const boolean: Decoder<boolean> = (input, path, issues) =>
  typeof input === 'boolean' ? input : fail(issues, path, `must be a boolean, got ${describe(input)}`, input);

/** ISO 8601 with `Z` or an offset, whole seconds or fractional. Kept as the original string. */
export const timestamp: Decoder<string> = (input, path, issues) => {
  if (typeof input !== 'string')
    return fail(issues, path, `must be an ISO 8601 timestamp string, got ${describe(input)}`, input);
  if (isoTimestampToMillis(input) === undefined) {
    return fail(
      issues,
      path,
      `must be an ISO 8601 timestamp like 2024-03-12T14:03:21Z or 2024-03-12T14:03:21.123Z, got ${describe(input)}`,
      input,
    );
  }
  return input;
};

/** A closed set documented as such: anything else is rejected, naming the allowed values. */
export function oneOf<const V extends string>(values: readonly V[]): Decoder<V> {
  return (input, path, issues) => {
    if (typeof input === 'string' && (values as readonly string[]).includes(input)) return input as V;
    return fail(issues, path, `must be one of ${values.join(', ')}; got ${describe(input)}`, input);
  };
}

/** An open set: must be a non-empty string, documented values are a hint only. */
export function openSet<const V extends string>(_documented: readonly V[]): Decoder<OpenString<V>> {
  return string({ min: 1 });
}

/** Accepts absent or null (Connect sends either for "not applicable") and otherwise defers to `decoder`. */
export function optional<T>(decoder: Decoder<T>): Decoder<T | null | undefined> {
  const wrapped = (input: unknown, path: string, issues: ValidationIssue[]): T | null | undefined =>
    input === undefined || input === null ? input : decoder(input, path, issues);
  return Object.assign(wrapped, { optional: true });
}

/** Rewrites the input before decoding it, e.g. upper-casing a channel that one AWS sample spells "Voice". */
export function preprocess<T>(transform: (input: unknown) => unknown, decoder: Decoder<T>): Decoder<T> {
  return (input, path, issues) => decoder(transform(input), path, issues);
}

export function array<T>(item: Decoder<T>): Decoder<T[]> {
  return (input, path, issues) => {
    if (!Array.isArray(input)) return fail(issues, path, `must be an array, got ${describe(input)}`, input);
    return input.map((element, i) => item(element, joinPath(path, i), issues));
  };
}

/** A `{name: value}` map whose values all pass `value` (e.g. contact Attributes, which are strings). */
export function recordOf<T>(value: Decoder<T>): Decoder<Record<string, T>> {
  return (input, path, issues) => {
    if (!isRecord(input)) return fail(issues, path, `must be an object, got ${describe(input)}`, input);
    const out: Record<string, T> = {};
    for (const [key, element] of Object.entries(input))
      setOwn(out, key, value(element, joinPath(path, key), issues));
    return out;
  };
}

/** Any JSON object, kept as it is: for loosely specified parts such as flow-log Parameters or ContactDetails. */
export const anyObject: Decoder<JsonObject> = (input, path, issues) =>
  isRecord(input) ? input : fail(issues, path, `must be an object, got ${describe(input)}`, input);

/** One decoder per declared key; `-?` makes forgetting a field of the interface a compile error. */
export type Shape<T> = { [K in keyof T]-?: Decoder<T[K]> };

export interface ObjectOptions<T> {
  /** Match input keys ignoring case and emit them under the shape's spelling (contact events mix casings). */
  caseInsensitiveKeys?: boolean;
  /** Cross-field rules, run on the decoded object even when a field failed, so every issue is reported. */
  checks?: ReadonlyArray<(value: T, path: string, issues: ValidationIssue[]) => void>;
}

/**
 * Decodes the declared keys and copies every other key through untouched: AWS adds fields over time and
 * promises only backward compatibility, so an unknown field is data to keep, not an error.
 */
export function object<T>(shape: Shape<T>, options: ObjectOptions<T> = {}): Decoder<T> {
  const keys = Object.keys(shape) as Array<keyof T & string>;
  const byLowerCase = new Map<string, keyof T & string>(keys.map((k) => [k.toLowerCase(), k]));
  const canonicalKey = (raw: string): (keyof T & string) | undefined =>
    options.caseInsensitiveKeys
      ? byLowerCase.get(raw.toLowerCase())
      : Object.hasOwn(shape, raw)
        ? (raw as keyof T & string)
        : undefined;

  return (input, path, issues) => {
    if (!isRecord(input)) return fail(issues, path, `must be an object, got ${describe(input)}`, input);
    const out: JsonObject = {};
    const sourceKey = new Map<string, string>();
    for (const [raw, value] of Object.entries(input)) {
      if (value === undefined) continue;
      const key = canonicalKey(raw);
      if (key === undefined) {
        setOwn(out, raw, value);
      } else if (sourceKey.has(key)) {
        issues.push({
          path: joinPath(path, key),
          message: `given twice, as '${sourceKey.get(key)}' and '${raw}'`,
        });
      } else {
        sourceKey.set(key, raw);
        setOwn(out, key, value);
      }
    }
    for (const key of keys) {
      const decoder = shape[key] as Decoder<unknown>;
      const fieldPath = joinPath(path, key);
      if (out[key] === undefined || (out[key] === null && !decoder.optional)) {
        if (!decoder.optional)
          issues.push({
            path: fieldPath,
            message: out[key] === null ? 'is required, got null' : 'is required',
          });
        continue;
      }
      setOwn(out, key, decoder(out[key], fieldPath, issues));
    }
    const value = out as T;
    for (const check of options.checks ?? []) check(value, path, issues);
    return value;
  };
}

/**
 * Plain assignment of a `__proto__` key would change the object's prototype instead of adding a field,
 * so that key (and only that one: defining every key is several times slower) is defined as an own property.
 */
function setOwn(target: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** Cross-field helper: `later` must not be before `earlier` when both are valid timestamps. */
export function notBefore<T>(laterKey: keyof T & string, earlierKey: keyof T & string) {
  return (value: T, path: string, issues: ValidationIssue[]): void => {
    const later = millisOf(value[laterKey]);
    const earlier = millisOf(value[earlierKey]);
    if (later !== undefined && earlier !== undefined && later < earlier) {
      issues.push({
        path: joinPath(path, laterKey),
        message: `must not be before ${earlierKey} (${String(value[laterKey])} < ${String(value[earlierKey])})`,
      });
    }
  };
}

function millisOf(value: unknown): number | undefined {
  return typeof value === 'string' ? isoTimestampToMillis(value) : undefined;
}
