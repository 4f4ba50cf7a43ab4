import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveStaticFile } from './static-files';

describe('resolveStaticFile', () => {
  const root = mkdtempSync(join(tmpdir(), 'static-'));
  mkdirSync(join(root, '_next'));
  writeFileSync(join(root, 'index.html'), 'x');
  writeFileSync(join(root, 'calls.html'), 'x');
  writeFileSync(join(root, '_next', 'a.js'), 'x');

  it('given paths inside the root, then index, .html and assets resolve', () => {
    expect(resolveStaticFile(root, '/')).toBe(join(root, 'index.html'));
    expect(resolveStaticFile(root, '/calls')).toBe(join(root, 'calls.html'));
    expect(resolveStaticFile(root, '/_next/a.js?v=1')).toBe(join(root, '_next', 'a.js'));
  });

  it('given traversal, NUL or bad encoding, then nothing resolves', () => {
    for (const path of ['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2F..%2Fetc', '/a%00.html', '/%E0%A4%A', '/missing']) {
      expect(resolveStaticFile(root, path)).toBeUndefined();
    }
  });
});
