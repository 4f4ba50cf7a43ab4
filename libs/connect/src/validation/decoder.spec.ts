import { object, optional, run, string } from './decoder';

interface Sample {
  name: string;
  note?: string | null;
}

const sample = object<Sample>({ name: string({ min: 1 }), note: optional(string()) });

describe('object decoder', () => {
  it('keeps a __proto__ key from JSON as data without touching the prototype', () => {
    const input = JSON.parse('{"name": "x", "__proto__": {"polluted": true}}') as unknown;

    const result = run(sample, input);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(Object.getPrototypeOf(result.value)).toBe(Object.prototype);
    expect((result.value as unknown as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(result.value, '__proto__')?.value).toEqual({ polluted: true });
  });

  it('does not mutate its input', () => {
    const input = { name: 'x', extra: { deep: 1 } };
    const copy = structuredClone(input);

    run(sample, input);

    expect(input).toEqual(copy);
  });

  it('prefixes paths with the root path it was given', () => {
    expect(run(sample, { name: '' }, 'detail')).toEqual({
      ok: false,
      issues: [{ path: 'detail.name', message: 'must not be empty' }],
    });
  });

  it('tells a missing required field from a null one', () => {
    expect(run(sample, {})).toEqual({ ok: false, issues: [{ path: 'name', message: 'is required' }] });
    expect(run(sample, { name: null })).toEqual({
      ok: false,
      issues: [{ path: 'name', message: 'is required, got null' }],
    });
  });
});
