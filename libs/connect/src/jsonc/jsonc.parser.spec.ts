import { parseJsonc } from '../index';

describe('parseJsonc', () => {
  it('strips // and /* */ comments and trailing commas', () => {
    const text = `{
      // a comment
      "a": 1, /* inline */ "b": [1, 2, 3,],
      "c": { "d": true, }, // trailing
    }`;

    expect(parseJsonc(text)).toEqual({ a: 1, b: [1, 2, 3], c: { d: true } });
  });

  it('leaves comment markers and commas inside strings alone', () => {
    const text =
      '{"url": "https://example.com/a//b", "glob": "/* not a comment */", "list": "x,]", "quote": "say \\"hi\\" // still string",}';

    expect(parseJsonc(text)).toEqual({
      url: 'https://example.com/a//b',
      glob: '/* not a comment */',
      list: 'x,]',
      quote: 'say "hi" // still string',
    });
  });

  it('treats prose wrapped onto the lines after a // comment as part of the comment, as the docs samples do', () => {
    const text = `{
      "Name": "Available",  //This refers to the status the agent sets.
          It means they are ready, not on Break.
          the contact left ACW.
      "State": "ENDED" //ends here
    }`;

    expect(parseJsonc(text)).toEqual({ Name: 'Available', State: 'ENDED' });
  });

  it('does not swallow a JSON line that follows a comment', () => {
    const text = `[
      1, // one
      true, // literal
      null
    ]`;

    expect(parseJsonc(text)).toEqual([1, true, null]);
  });

  it('still throws on what is broken beyond comments and commas', () => {
    expect(() => parseJsonc('{"a": 1 ...}')).toThrow(SyntaxError);
    expect(() => parseJsonc('{"Status": "COMPLETED" (or "FAILED")}')).toThrow(SyntaxError);
    expect(() => parseJsonc('{"a": 1 /* never closed')).toThrow(SyntaxError);
  });

  it('reads strict JSON unchanged', () => {
    const value = { a: [1, { b: 'c//d' }], e: null };

    expect(parseJsonc(JSON.stringify(value, null, 2))).toEqual(value);
  });
});
