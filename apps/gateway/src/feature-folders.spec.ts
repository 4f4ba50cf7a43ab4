import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

const SRC = __dirname;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** folder -> folders it imports, from the relative `../<folder>/` imports of the gateway's sources. */
function folderImports(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const file of files(SRC)) {
    const folder = relative(SRC, file).split(sep)[0];
    if (folder.endsWith('.ts')) continue;
    for (const [, target] of readFileSync(file, 'utf8').matchAll(/from '\.\.\/([a-z-]+)\//g)) {
      if (!edges.has(folder)) edges.set(folder, new Set());
      edges.get(folder)?.add(target);
    }
  }
  return edges;
}

describe('gateway feature folders', () => {
  it('given the folder import graph, then no two folders import each other (directly or round a cycle)', () => {
    const edges = folderImports();
    const cycles: string[] = [];
    const visit = (folder: string, path: string[]) => {
      for (const next of edges.get(folder) ?? []) {
        if (next === path[0]) cycles.push([...path, next].join(' -> '));
        else if (!path.includes(next)) visit(next, [...path, next]);
      }
    };
    for (const folder of edges.keys()) visit(folder, [folder]);
    expect(cycles).toEqual([]);
    // The graph is read from real imports: the live feed does use auth.
    expect(edges.get('live')?.has('auth')).toBe(true);
  });
});
