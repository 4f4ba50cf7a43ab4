import { readdirSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'dist', 'out', '.next'].includes(entry.name) ? [] : filesUnder(full);
    return [full];
  });
}

describe('test layout (DESIGN.md 8: unit specs colocated, integration and e2e specs in the package test/ folder)', () => {
  it('no integration or e2e spec sits in a src/ folder', () => {
    const misplaced = ['apps', 'libs']
      .flatMap((top) => filesUnder(path.join(ROOT, top)))
      .map((file) => path.relative(ROOT, file))
      .filter((file) => /(^|\/)src\//.test(file) && /\.(int|e2e)-spec\.ts$/.test(file));
    expect(misplaced).toEqual([]);
  });
});
