import { createLogger, escapeLogText } from './logger';

describe('log escaping', () => {
  it.each([
    ['a contact id with a newline', 'c-1\n2026-12-01 ERROR forged line', 'c-1\\n2026-12-01 ERROR forged line'],
    ['a carriage return', 'a\rb', 'a\\rb'],
    ['Unicode line and paragraph separators', 'a\u2028b\u2029c', 'a\\u2028b\\u2029c'],
    ['other control characters', 'a\u0000b\u001bc\u007f', 'a\\u0000b\\u001bc\\u007f'],
  ])('given %s, then it is escaped as JSON would', (_label, text, escaped) => {
    expect(escapeLogText(text)).toBe(escaped);
    expect(escapeLogText(text)).not.toMatch(/[\n\r\u2028\u2029]/);
  });

  it('keeps tabs and ordinary text as they are', () => {
    expect(escapeLogText('contact c-1\tqueue Billing: ok ✓')).toBe('contact c-1\tqueue Billing: ok ✓');
  });

  it('given a message with a newline, then the text logger writes it on one line', () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    try {
      createLogger('gateway', 'log', 'pretty').log('contact c-1\nFORGED ERROR line', 'Probe');
    } finally {
      spy.mockRestore();
    }
    const output = written.join('');
    expect(output).toContain('contact c-1\\nFORGED ERROR line');
    expect(output.trimEnd().split('\n')).toHaveLength(1);
  });

  it('given the level, then less important messages are not written', () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    try {
      const logger = createLogger('gateway', 'warn', 'json');
      logger.log('routine');
      logger.debug('detail');
      logger.warn('look at this');
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).not.toMatch(/routine|detail/);
    expect(written.join('')).toContain('look at this');
  });
});
