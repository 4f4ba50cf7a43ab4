import { createHash } from 'node:crypto';
import { runSimulation } from './run-simulation';
import { MemorySink } from './simulator.sink';

async function fingerprint(seed: number, overrides: { transcripts?: boolean } = {}): Promise<{ hash: string; ctrs: number; agentEvents: string }> {
  const sink = new MemorySink();
  await runSimulation({ seed, agents: 12, hours: 1, ...overrides }, sink, { speed: 'max' });
  const hash = createHash('sha256');
  for (const r of sink.ctrs) hash.update(JSON.stringify(r));
  for (const r of sink.agentEvents) hash.update(JSON.stringify(r));
  for (const r of sink.flowLogs) hash.update(JSON.stringify(r));
  for (const [id, doc] of sink.transcripts) hash.update(id + JSON.stringify(doc));
  const agentEvents = createHash('sha256').update(sink.agentEvents.map((e) => JSON.stringify(e)).join('\n')).digest('hex');
  return { hash: hash.digest('hex'), ctrs: sink.ctrs.length, agentEvents };
}

describe('determinism', () => {
  it('given the same seed twice, when simulated, then the output is byte-identical', async () => {
    const first = await fingerprint(7);
    const second = await fingerprint(7);

    expect(second.hash).toBe(first.hash);
    expect(first.ctrs).toBeGreaterThan(0);
  });

  it('given different seeds, when simulated, then the days differ', async () => {
    const a = await fingerprint(7);
    const b = await fingerprint(8);

    expect(b.hash).not.toBe(a.hash);
  });

  it('given transcripts switched off, then the rest of the day is unchanged (transcripts draw from their own stream)', async () => {
    const withTranscripts = await fingerprint(11);
    const without = await fingerprint(11, { transcripts: false });

    expect(without.agentEvents).toBe(withTranscripts.agentEvents);
    expect(without.ctrs).toBe(withTranscripts.ctrs);
  });
});
