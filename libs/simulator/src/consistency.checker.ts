import type { AgentEventRecord, ContactTraceRecord, FlowLogEntry, SnapshotContactState } from './connect-records';

/**
 * Cross-checks a simulated day the way a consumer would: CTR arithmetic, plausible agent event sequences, and
 * agreement between each CTR and the agent stream. Returns human-readable problems; none means consistent.
 * It reads the records only (not the engine), so it can also check a folder written by someone else.
 */
export function checkConsistency(ctrs: readonly ContactTraceRecord[], agentEvents: readonly AgentEventRecord[], flowLogs: readonly FlowLogEntry[]): string[] {
  const issues: string[] = [];
  const report = (message: string): void => {
    if (issues.length < 200) issues.push(message);
  };
  const byId = new Map<string, ContactTraceRecord>();
  for (const c of ctrs) {
    if (byId.has(c.ContactId)) report(`duplicate CTR ${c.ContactId}`);
    byId.set(c.ContactId, c);
  }
  for (const c of ctrs) checkCtr(c, byId, report);
  for (const f of flowLogs) if (!byId.has(f.ContactId)) report(`flow log entry for ${f.ContactId} has no CTR`);
  const timelines = checkAgentStreams(agentEvents, report);
  for (const c of ctrs) {
    if (c.Agent === null) continue;
    const t = timelines.get(`${c.Agent.ARN}|${c.ContactId}`);
    if (t === undefined) {
      report(`CTR ${c.ContactId}: agent ${c.Agent.Username} never had it in the agent stream`);
      continue;
    }
    const sec = (ms: number | undefined): string => (ms === undefined ? 'missing' : new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19) + 'Z');
    if (sec(t.connected) !== c.Agent.ConnectedToAgentTimestamp) report(`CTR ${c.ContactId}: ConnectedToAgentTimestamp ${c.Agent.ConnectedToAgentTimestamp} but stream says ${sec(t.connected)}`);
    if (sec(t.ended) !== c.Agent.AfterContactWorkStartTimestamp) report(`CTR ${c.ContactId}: ACW start ${c.Agent.AfterContactWorkStartTimestamp} but stream ENDED at ${sec(t.ended)}`);
    if (sec(t.removed) !== c.Agent.AfterContactWorkEndTimestamp) report(`CTR ${c.ContactId}: ACW end ${c.Agent.AfterContactWorkEndTimestamp} but stream removed it at ${sec(t.removed)}`);
    if (t.holds !== c.Agent.NumberOfHolds) report(`CTR ${c.ContactId}: NumberOfHolds ${c.Agent.NumberOfHolds} but stream shows ${t.holds}`);
  }
  return issues;
}

const secondsOf = (iso: string | null | undefined): number | null => (iso === null || iso === undefined ? null : Date.parse(iso) / 1000);

function checkCtr(c: ContactTraceRecord, byId: Map<string, ContactTraceRecord>, report: (m: string) => void): void {
  const id = c.ContactId;
  const init = secondsOf(c.InitiationTimestamp) as number;
  const disc = secondsOf(c.DisconnectTimestamp) as number;
  const system = secondsOf(c.ConnectedToSystemTimestamp);
  if (disc < init) report(`CTR ${id}: disconnect before initiation`);
  const enq = secondsOf(c.Queue?.EnqueueTimestamp);
  const deq = secondsOf(c.Queue?.DequeueTimestamp);
  if (c.Queue !== null) {
    if (enq !== null && deq !== null && c.Queue.Duration !== deq - enq) report(`CTR ${id}: Queue.Duration ${c.Queue.Duration} != ${deq - enq}`);
    if (enq !== null && enq < init) report(`CTR ${id}: enqueued before initiation`);
  }
  if (c.Agent !== null) {
    const a = c.Agent;
    const conn = secondsOf(a.ConnectedToAgentTimestamp) as number;
    const acwStart = secondsOf(a.AfterContactWorkStartTimestamp) as number;
    const acwEnd = secondsOf(a.AfterContactWorkEndTimestamp) as number;
    if (!(disc >= conn && conn >= (enq ?? init) && (enq ?? init) >= init)) report(`CTR ${id}: expected disconnect >= connected >= enqueue >= initiation`);
    if (deq !== null && deq !== conn) report(`CTR ${id}: dequeued at ${c.Queue?.DequeueTimestamp} but connected at ${a.ConnectedToAgentTimestamp}`);
    if (a.AfterContactWorkDuration !== acwEnd - acwStart) report(`CTR ${id}: AfterContactWorkDuration ${a.AfterContactWorkDuration} != ${acwEnd - acwStart}`);
    if (acwStart !== disc) report(`CTR ${id}: ACW should start at disconnect`);
    const expected = disc - Math.max(conn, system ?? conn) - a.CustomerHoldDuration;
    if (a.AgentInteractionDuration !== expected) report(`CTR ${id}: AgentInteractionDuration ${a.AgentInteractionDuration} != ${expected}`);
    if (a.AgentInteractionDuration < 0 || a.CustomerHoldDuration < 0) report(`CTR ${id}: negative duration`);
    if (a.LongestHoldDuration > a.CustomerHoldDuration || (a.NumberOfHolds === 0) !== (a.CustomerHoldDuration === 0 && a.LongestHoldDuration === 0)) report(`CTR ${id}: hold fields disagree`);
    if (c.AgentConnectionAttempts < 1) report(`CTR ${id}: answered with AgentConnectionAttempts 0`);
    if (Date.parse(c.LastUpdateTimestamp) / 1000 < acwEnd) report(`CTR ${id}: LastUpdateTimestamp before ACW end`);
  } else {
    if (c.Queue !== null && c.InitiationMethod !== 'OUTBOUND' && deq !== disc) report(`CTR ${id}: abandoned contact should leave the queue when it disconnects`);
    if (c.Recording !== null || c.Recordings !== null) report(`CTR ${id}: recording without an agent`);
  }
  if (c.NextContactId !== null) {
    const next = byId.get(c.NextContactId);
    if (next === undefined) report(`CTR ${id}: NextContactId ${c.NextContactId} has no CTR`);
    else if (next.PreviousContactId !== id) report(`CTR ${id}: next contact does not point back`);
  }
  if (c.PreviousContactId !== null) {
    const prev = byId.get(c.PreviousContactId);
    if (prev === undefined) report(`CTR ${id}: PreviousContactId ${c.PreviousContactId} has no CTR`);
    else if (prev.NextContactId !== id) report(`CTR ${id}: previous contact does not point forward`);
    if (c.InitialContactId === null) report(`CTR ${id}: chained contact without InitialContactId`);
  }
  if ((c.InitiationMethod === 'TRANSFER' || c.InitiationMethod === 'CALLBACK') && c.PreviousContactId === null) report(`CTR ${id}: ${c.InitiationMethod} without PreviousContactId`);
}

interface Timeline {
  connected?: number;
  ended?: number;
  removed?: number;
  holds: number;
}

const NEXT_STATES: Record<SnapshotContactState | 'NONE', readonly (SnapshotContactState | 'NONE')[]> = {
  NONE: ['CONNECTING'],
  CONNECTING: ['CONNECTED', 'MISSED'],
  CONNECTED: ['CONNECTED_ONHOLD', 'ENDED'],
  CONNECTED_ONHOLD: ['CONNECTED'],
  MISSED: ['NONE'],
  ENDED: ['NONE'],
};

function checkAgentStreams(events: readonly AgentEventRecord[], report: (m: string) => void): Map<string, Timeline> {
  const byAgent = new Map<string, AgentEventRecord[]>();
  for (const e of events) {
    let list = byAgent.get(e.AgentARN);
    if (list === undefined) byAgent.set(e.AgentARN, (list = []));
    list.push(e);
  }
  const timelines = new Map<string, Timeline>();
  for (const [arn, list] of byAgent) {
    const who = list[0].CurrentAgentSnapshot.Configuration.Username;
    if (list[0].EventType !== 'LOGIN' || list[0].PreviousAgentSnapshot !== null) report(`agent ${who}: stream does not start with LOGIN`);
    let loggedIn = false;
    let prevTime = -Infinity;
    let prevJson = '';
    const states = new Map<string, SnapshotContactState>();
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      const t = Date.parse(e.EventTimestamp);
      if (t <= prevTime) report(`agent ${who}: events not ascending at ${e.EventTimestamp}`);
      if (loggedIn && t - prevTime > 120_000) report(`agent ${who}: ${((t - prevTime) / 1000).toFixed(1)} s without an event before ${e.EventTimestamp}`);
      const currentJson = JSON.stringify(e.CurrentAgentSnapshot);
      if (i > 0 && JSON.stringify(e.PreviousAgentSnapshot) !== prevJson) report(`agent ${who}: PreviousAgentSnapshot at ${e.EventTimestamp} is not the previous CurrentAgentSnapshot`);
      if (e.EventType === 'HEART_BEAT' && currentJson !== prevJson) report(`agent ${who}: HEART_BEAT changed the snapshot`);
      if (e.EventType === 'LOGIN') loggedIn = true;
      if (e.EventType === 'LOGOUT') {
        if (e.CurrentAgentSnapshot.Contacts.length > 0) report(`agent ${who}: logged out holding contacts`);
        loggedIn = false;
      }
      if (!loggedIn && e.EventType === 'STATE_CHANGE') report(`agent ${who}: STATE_CHANGE after LOGOUT`);
      const seen = new Set<string>();
      for (const c of e.CurrentAgentSnapshot.Contacts) {
        seen.add(c.ContactId);
        const before = states.get(c.ContactId) ?? 'NONE';
        if (before !== c.State) {
          if (!NEXT_STATES[before].includes(c.State)) report(`agent ${who}: contact ${c.ContactId} went ${before} -> ${c.State}`);
          if (c.StateStartTimestamp !== e.EventTimestamp) report(`agent ${who}: contact ${c.ContactId} StateStartTimestamp is not the event time`);
          const key = `${arn}|${c.ContactId}`;
          let tl = timelines.get(key);
          if (tl === undefined) timelines.set(key, (tl = { holds: 0 }));
          if (c.State === 'CONNECTED' && tl.connected === undefined) tl.connected = t;
          if (c.State === 'CONNECTED_ONHOLD') tl.holds++;
          if (c.State === 'ENDED') tl.ended = t;
          states.set(c.ContactId, c.State);
        }
      }
      for (const [contactId, state] of states) {
        if (seen.has(contactId)) continue;
        if (!NEXT_STATES[state].includes('NONE')) report(`agent ${who}: contact ${contactId} removed while ${state}`);
        const tl = timelines.get(`${arn}|${contactId}`);
        if (tl !== undefined && state === 'ENDED') tl.removed = t;
        states.delete(contactId);
      }
      prevTime = t;
      prevJson = currentJson;
    }
    if (loggedIn) report(`agent ${who}: never logged out`);
  }
  return timelines;
}
