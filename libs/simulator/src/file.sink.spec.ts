import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { simulateToDirectory } from './simulate-to-directory';

function lines(file: string): unknown[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown);
}

describe('FileSink', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'buddie-sim-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('given a short day, when written to a folder, then the files hold exactly the counted records and the manifest describes them', async () => {
    const result = await simulateToDirectory({ seed: 5, agents: 10, hours: 1 }, dir);

    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { counts: typeof result.counts; files: { ctrs: string[]; agentEvents: string[] } };
    expect(manifest.counts).toEqual(result.counts);
    expect(manifest.files.ctrs).toEqual(['ctrs.jsonl']);
    expect(lines(path.join(dir, 'ctrs.jsonl'))).toHaveLength(result.counts.ctrs);
    expect(lines(path.join(dir, 'agent-events.jsonl'))).toHaveLength(result.counts.agentEvents);
    expect(lines(path.join(dir, 'flow-logs.jsonl'))).toHaveLength(result.counts.flowLogs);
    expect(fs.readdirSync(path.join(dir, 'transcripts'))).toHaveLength(result.counts.transcripts);
  });

  it('given the cached serialisers, then each line is the same text JSON.stringify gives for the parsed record', async () => {
    await simulateToDirectory({ seed: 6, agents: 8, hours: 1 }, dir);

    for (const name of ['agent-events.jsonl', 'flow-logs.jsonl']) {
      const raw = fs.readFileSync(path.join(dir, name), 'utf8').split('\n').filter((l) => l !== '');
      for (const line of raw.slice(0, 400)) expect(JSON.stringify(JSON.parse(line))).toBe(line);
    }
  });

  it('given a small part size, then a stream rolls over into numbered parts whose lines add up', async () => {
    const result = await simulateToDirectory({ seed: 5, agents: 10, hours: 1 }, dir, { speed: 'max', partBytes: 200_000 });

    const parts = fs.readdirSync(dir).filter((f) => f.startsWith('agent-events-')).sort();
    expect(parts.length).toBeGreaterThan(1);
    expect(parts[0]).toBe('agent-events-0001.jsonl');
    const total = parts.reduce((n, f) => n + lines(path.join(dir, f)).length, 0);
    expect(total).toBe(result.counts.agentEvents);
  });
});
