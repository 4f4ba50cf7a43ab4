import { parseAgentEvent, parseCtr, parseFlowLogEntry, parseTranscript, type ParseResult } from '@buddie/connect';
import { runSimulation } from './run-simulation';
import { MemorySink } from './simulator.sink';

function failures<T>(items: readonly unknown[], parse: (x: unknown) => ParseResult<T>): string[] {
  const out: string[] = [];
  for (const item of items) {
    // Validate what a consumer receives: the JSON text, not the in-memory object.
    const result = parse(JSON.parse(JSON.stringify(item)));
    if (!result.ok && out.length < 10) out.push(JSON.stringify(result.issues));
  }
  return out;
}

describe('every simulated record passes the libs/connect validators', () => {
  it.each([3, 17, 29])('given seed %i (20 agents, 2 h), when each record is parsed, then none is rejected', async (seed) => {
    const sink = new MemorySink();
    await runSimulation({ seed, agents: 20, hours: 2, piiRate: 0.5 }, sink, { speed: 'max' });

    expect(failures(sink.ctrs, parseCtr)).toEqual([]);
    expect(failures(sink.agentEvents, parseAgentEvent)).toEqual([]);
    expect(failures(sink.flowLogs, parseFlowLogEntry)).toEqual([]);
    const transcriptIssues: string[] = [];
    for (const [contactId, doc] of sink.transcripts) {
      const parsed = parseTranscript(JSON.parse(JSON.stringify(doc)));
      if (!parsed.ok) transcriptIssues.push(`${contactId}: ${JSON.stringify(parsed.issues)}`);
      else if (parsed.value.contactId !== contactId) transcriptIssues.push(`${contactId}: parsed as ${String(parsed.value.contactId)}`);
    }
    expect(transcriptIssues).toEqual([]);
    expect(sink.ctrs.length).toBeGreaterThan(50);
    expect(sink.transcripts.size).toBeGreaterThan(20);
  });
});
