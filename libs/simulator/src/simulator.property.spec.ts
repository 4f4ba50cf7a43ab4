import { checkConsistency } from './consistency.checker';
import { runSimulation } from './run-simulation';
import { MemorySink } from './simulator.sink';

async function simulateDay(seed: number, agents: number, hours: number): Promise<MemorySink> {
  const sink = new MemorySink();
  await runSimulation({ seed, agents, hours }, sink, { speed: 'max' });
  return sink;
}

describe('simulated days are internally consistent (property test over seeds)', () => {
  const seeds = Array.from({ length: 20 }, (_, i) => 1000 + i * 7919);

  it.each(seeds)('given seed %i with 15 agents over 2 h, when the day is checked, then no invariant is broken', async (seed) => {
    const sink = await simulateDay(seed, 15, 2);

    const issues = checkConsistency(sink.ctrs, sink.agentEvents, sink.flowLogs);

    expect(issues).toEqual([]);
    expect(sink.ctrs.length).toBeGreaterThan(20);
  });

  it('given a long day with staggered shifts and lunches (60 agents, 10 h), then no invariant is broken', async () => {
    const sink = await simulateDay(424242, 60, 10);

    const issues = checkConsistency(sink.ctrs, sink.agentEvents, sink.flowLogs);

    expect(issues).toEqual([]);
    expect(sink.agentEvents.some((e) => e.CurrentAgentSnapshot.AgentStatus.Name === 'Lunch')).toBe(true);
    // A whole 60-agent day: about 2 s on an idle machine, over jest's 5 s default on a shared one.
  }, 60000);

  it('given many days together, then every kind of contact the issue lists occurs somewhere', async () => {
    const methods = new Set<string>();
    const outcomes = new Set<string>();
    const modules = new Set<string>();
    const statuses = new Set<string>();
    for (const seed of seeds.slice(0, 6)) {
      const sink = await simulateDay(seed, 15, 2);
      for (const c of sink.ctrs) {
        methods.add(`${c.Channel}:${c.InitiationMethod}`);
        if (c.Queue !== null && c.Agent === null && c.InitiationMethod === 'INBOUND') outcomes.add('abandoned');
        if (c.Queue === null && c.Agent === null) outcomes.add(c.DisconnectReason === 'CONTACT_FLOW_DISCONNECT' ? 'ivr-flow-disconnect' : 'ivr-hangup');
        if (c.NextContactId !== null) outcomes.add('linked');
        if ((c.Agent?.NumberOfHolds ?? 0) > 0) outcomes.add('hold');
        if (c.AgentConnectionAttempts > 1) outcomes.add('missed-then-answered');
        if (c.Recording !== null) outcomes.add('recorded');
      }
      for (const f of sink.flowLogs) modules.add(f.Results === 'Timeout' ? 'GetUserInput:Timeout' : f.ContactFlowModuleType);
      for (const e of sink.agentEvents) {
        statuses.add(e.CurrentAgentSnapshot.AgentStatus.Name);
        if (e.CurrentAgentSnapshot.NextAgentStatus !== undefined) statuses.add('next-status');
      }
      if (sink.transcripts.size > 0) outcomes.add('transcribed');
    }

    expect([...methods].sort()).toEqual(expect.arrayContaining(['CHAT:API', 'VOICE:CALLBACK', 'VOICE:INBOUND', 'VOICE:OUTBOUND', 'VOICE:TRANSFER']));
    expect([...outcomes].sort()).toEqual(
      expect.arrayContaining(['abandoned', 'hold', 'ivr-flow-disconnect', 'ivr-hangup', 'linked', 'missed-then-answered', 'recorded', 'transcribed']),
    );
    expect([...modules]).toEqual(expect.arrayContaining(['GetUserInput:Timeout', 'InvokeExternalResource', 'SetQueue', 'TransferToQueue', 'Disconnect']));
    expect([...statuses]).toEqual(expect.arrayContaining(['Available', 'Offline', 'Break', 'next-status']));
  });
});
